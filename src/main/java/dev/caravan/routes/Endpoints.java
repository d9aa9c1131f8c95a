package dev.caravan.routes;

/** Every endpoint URI and bean name the routes use, in one place. */
public final class Endpoints {
    private Endpoints() {}

    /** Bean names. */
    public static final String WORKERS = "caravanWorkers";

    public static final String BODY_LIMIT = "caravanBodyLimit";
    public static final String LEDGER = "caravanLedger";
    /** The governed chain's shared collaborators, for route builders and templates of integration teams. */
    public static final String PIPELINE = "caravanPipeline";

    /** Shared by every ingress on the one port; the body limit is enforced by our decoder before Netty's aggregator. */
    private static final String INGRESS = "netty-http:http://{{caravan.host}}:{{caravan.port}}";

    private static final String INGRESS_OPTIONS = "?usingExecutorService=false&muteException=true&bridgeEndpoint=true"
            + "&chunkedMaxContentLength=2147483647&decoders=#" + BODY_LIMIT;

    public static final String CHAT_COMPLETIONS = INGRESS + "/v1/chat/completions" + INGRESS_OPTIONS;
    public static final String ANTHROPIC_MESSAGES = INGRESS + "/anthropic/v1/messages" + INGRESS_OPTIONS;
    public static final String RESPONSES = INGRESS + "/v1/responses" + INGRESS_OPTIONS;
    public static final String EMBEDDINGS = INGRESS + "/v1/embeddings" + INGRESS_OPTIONS;
    public static final String BEDROCK_CONVERSE = INGRESS + "/bedrock/v1/converse" + INGRESS_OPTIONS;
    public static final String BEDROCK_CONVERSE_STREAM = INGRESS + "/bedrock/v1/converse-stream" + INGRESS_OPTIONS;
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
    /** Hooks a team may consume (extending.md): run just before the upstream call, and once its answer is back. */
    public static final String BEFORE_UPSTREAM = "direct:caravan-before-upstream";

    public static final String AFTER_UPSTREAM = "direct:caravan-after-upstream";

    /** The governed chat chain that endpoints made from the governed-chat template hand their calls to. */
    public static final String GOVERNED_CHAT = "direct:caravan-governed-chat";

    /** The route template an integration team instantiates for a governed chat endpoint of its own (extending.md). */
    public static final String GOVERNED_CHAT_TEMPLATE = "caravan-governed-chat";

    /** The ingress of one endpoint made from the template: its {@code path} parameter on the gateway's port. */
    public static final String TEMPLATE_INGRESS = INGRESS + "{{path}}" + INGRESS_OPTIONS;

    public static final String UNKNOWN_PATH = INGRESS + "/" + INGRESS_OPTIONS + "&matchOnUriPrefix=true";

    // audit (issue 7): the bounded queue closed calls are offered to, its sinks, and the Kafka shipping of the spool
    /** The audit queue's bean: bounded by caravan.audit.queue-size, drained as caravan.audit.linger-ms says. */
    public static final String AUDIT_QUEUE = "caravanAuditQueue";

    public static final String AUDIT =
            "seda:caravan-audit?queue=#" + AUDIT_QUEUE + "&concurrentConsumers=1&purgeWhenStopping=false";
    public static final String AUDIT_FILE = "direct:caravan-audit-file";
    public static final String AUDIT_SPOOL = "direct:caravan-audit-spool";
    public static final String AUDIT_SHIP =
            "timer:caravan-audit-ship?period={{caravan.audit.kafka.ship-ms:20}}" + "&delay=0&synchronous=true";
    /** Idempotent, acks=all; timeouts from settings; brokers from settings (never credentials in the URI). */
    public static final String AUDIT_KAFKA = "kafka:{{caravan.audit.kafka.topic:caravan.audit}}"
            + "?brokers={{caravan.audit.kafka.brokers}}&enableIdempotence=true&requestRequiredAcks=all"
            + "&maxInFlightRequest=5&retries=2147483647&lingerMs=5&batchWithIndividualHeaders=true&synchronous=true"
            + "&requestTimeoutMs={{caravan.audit.kafka.request-timeout-ms:15000}}"
            + "&maxBlockMs={{caravan.audit.kafka.request-timeout-ms:15000}}"
            + "&deliveryTimeoutMs={{caravan.audit.kafka.delivery-timeout-ms:30000}}";
    // end audit
}
