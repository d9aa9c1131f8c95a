package dev.caravan.routes;

/** Every endpoint URI and bean name the routes use, in one place. */
public final class Endpoints {
    private Endpoints() {}

    /** Bean names. */
    public static final String WORKERS = "caravanWorkers";

    public static final String BODY_LIMIT = "caravanBodyLimit";
    public static final String LEDGER = "caravanLedger";

    /** Shared by every ingress on the one port; the body limit is enforced by our decoder before Netty's aggregator. */
    private static final String INGRESS = "netty-http:http://{{caravan.host}}:{{caravan.port}}";

    private static final String INGRESS_OPTIONS = "?usingExecutorService=false&muteException=true&bridgeEndpoint=true"
            + "&chunkedMaxContentLength=2147483647&decoders=#" + BODY_LIMIT;

    public static final String CHAT_COMPLETIONS = INGRESS + "/v1/chat/completions" + INGRESS_OPTIONS;
    public static final String JWKS = INGRESS + "/.well-known/caravan/jwks.json" + INGRESS_OPTIONS;
    public static final String RECEIPTS = INGRESS + "/v1/receipts/" + INGRESS_OPTIONS + "&matchOnUriPrefix=true";
    public static final String APPROVALS = INGRESS + "/v1/approvals/" + INGRESS_OPTIONS + "&matchOnUriPrefix=true";
    public static final String ADMIN_APPROVALS =
            INGRESS + "/admin/approvals/" + INGRESS_OPTIONS + "&matchOnUriPrefix=true";
    public static final String MODELS = INGRESS + "/v1/models" + INGRESS_OPTIONS;
    public static final String ADMIN_ROUTES = INGRESS + "/admin/routes" + INGRESS_OPTIONS;
    public static final String RUNS = INGRESS + "/v1/runs" + INGRESS_OPTIONS + "&matchOnUriPrefix=true";
    public static final String METRICS = INGRESS + "/metrics" + INGRESS_OPTIONS;
    public static final String HEALTH = INGRESS + "/health" + INGRESS_OPTIONS;
    public static final String UNKNOWN_PATH = INGRESS + "/" + INGRESS_OPTIONS + "&matchOnUriPrefix=true";
}
