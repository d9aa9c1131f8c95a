package dev.caravan.config;

import dev.caravan.audit.AuditTap;
import dev.caravan.call.CallLedger;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.approvals.ApprovalStore;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.LiveGuardEngine;
import dev.caravan.http.BodyLimit;
import dev.caravan.http.GuardedDnsResolver;
import dev.caravan.http.IngressComponent;
import dev.caravan.http.UpstreamClient;
import dev.caravan.http.Workers;
import dev.caravan.keys.LiveKeys;
import dev.caravan.metrics.GatewayMetrics;
import dev.caravan.processors.RequireAdminKey;
import dev.caravan.receipts.CallReceipts;
import dev.caravan.receipts.ReceiptChain;
import dev.caravan.receipts.ReceiptKey;
import dev.caravan.receipts.ReceiptKeyStore;
import dev.caravan.routes.AnthropicRoutes;
import dev.caravan.routes.ApprovalRoutes;
import dev.caravan.routes.AuditErrors;
import dev.caravan.routes.AuditRoutes;
import dev.caravan.routes.BedrockRoutes;
import dev.caravan.routes.Endpoints;
import dev.caravan.routes.ErrorHandling;
import dev.caravan.routes.FallbackRoutes;
import dev.caravan.routes.GovernedChatTemplate;
import dev.caravan.routes.OpenAiRoutes;
import dev.caravan.routes.OperationsRoutes;
import dev.caravan.routes.Pipeline;
import dev.caravan.routes.ReceiptRoutes;
import dev.caravan.routes.RoutingRoutes;
import dev.caravan.routing.LiveRouting;
import dev.caravan.routing.ResponseCache;
import dev.caravan.routing.RoutePlanner;
import dev.caravan.routing.Secret;
import dev.caravan.routing.TargetHealth;
import dev.caravan.routing.UpstreamAddressGuard;
import dev.caravan.spend.AgentRuns;
import dev.caravan.spend.BudgetBook;
import dev.caravan.spend.RateLimits;
import dev.caravan.spend.SpendSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds settings and the config file into beans and routes, validated before anything listens. */
public final class CaravanConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(CaravanConfiguration.class);

    private final Map<String, String> environment;

    public CaravanConfiguration(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void configure(CamelContext camel) throws Exception {
        Settings settings =
                new SettingsBinder(key -> camel.getPropertiesComponent().resolveProperty(key)).bind();
        CaravanFile file = CaravanFile.load(settings.configFile());
        refuseOpenBind(settings, file);
        createDataDir(settings);
        LiveKeys gatewayKeys = new LiveKeys(file.keys());
        LOG.info(
                "gateway keys: {}",
                file.keys().isEmpty()
                        ? "none, the gateway is open"
                        : file.keys().size());
        UpstreamAddressGuard guard =
                new UpstreamAddressGuard(settings.allowPrivateUpstreams(), settings.allowedUpstreamHosts());
        TargetHealth health = new TargetHealth(settings.routing(), Clock.systemUTC());
        LiveRouting routing = new LiveRouting(file, environment, guard, settings.totalTimeout(), health);
        RoutePlanner planner = new RoutePlanner(health, routing.prices());
        UpstreamClient client = new UpstreamClient(settings, new GuardedDnsResolver(guard));
        ExecutorService workers = Workers.create(settings.workerThreads());
        CallLedger ledger = new CallLedger();
        ReceiptKeyStore keys = receiptKeys(settings);
        ReceiptChain chain =
                ReceiptChain.open(settings.dataDir(), settings.nodeId(), keys, settings.receiptFsyncEvery());
        CallReceipts receipts = new CallReceipts(chain, settings.receiptWaitForDisk());
        LiveGuardEngine guardrails = new LiveGuardEngine(detectors(camel), file.policy());
        LOG.info(
                "guardrails: policy {}, {} detectors",
                file.policy().version(),
                guardrails.get().detectorCount());
        ApprovalStore approvals = new ApprovalStore(
                settings.dataDir().resolve("approvals"), file.policy().approvalTtl(), Clock.systemUTC());
        String adminKey = environment.get(settings.adminKeyEnv());
        RequireAdminKey admin =
                new RequireAdminKey(adminKey == null || adminKey.isBlank() ? null : new Secret(adminKey));

        BudgetBook budgets = new BudgetBook(file.budgets(), Clock.systemUTC());
        SpendSnapshot spend =
                new SpendSnapshot(budgets, settings.dataDir().resolve("spend.json"), settings.spendSnapshotEvery());
        ConfigWatcher watcher = settings.configFile() == null
                        || settings.routing().reloadInterval().isZero()
                ? null
                : new ConfigWatcher(
                        settings.configFile(),
                        settings.routing().reloadInterval(),
                        List.of(
                                routing::apply,
                                reloaded -> guardrails.apply(reloaded.policy()),
                                reloaded -> budgets.use(reloaded.budgets()),
                                reloaded -> gatewayKeys.apply(reloaded.keys())));
        camel.addComponent("netty-http", new IngressComponent());
        camel.getRegistry().bind(Endpoints.BODY_LIMIT, new BodyLimit(settings.maxBodyBytes()));
        camel.getRegistry().bind(Endpoints.WORKERS, workers);
        camel.getRegistry().bind(Endpoints.LEDGER, ledger);
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext context) {
                drain(ledger, settings);
            }

            @Override
            public void onContextStopped(CamelContext context) {
                if (watcher != null) {
                    watcher.close();
                }
                spend.close();
                chain.close();
                workers.shutdownNow();
                client.close();
            }
        });
        camel.addRoutes(new ErrorHandling(receipts));
        Pipeline pipeline = new Pipeline(
                ledger,
                routing,
                planner,
                settings.routing(),
                new ResponseCache(settings.cacheMaxBytes()),
                budgets,
                settings.defaultMaxTokens(),
                client,
                workers,
                receipts,
                guardrails,
                approvals,
                gatewayKeys,
                new RateLimits(Clock.systemUTC()));
        camel.getRegistry().bind(Endpoints.PIPELINE, pipeline);
        camel.addRoutes(new OpenAiRoutes(pipeline));
        camel.addRoutes(new AnthropicRoutes(pipeline));
        camel.addRoutes(new BedrockRoutes(pipeline));
        camel.addRoutes(new GovernedChatTemplate(guardrails));
        camel.addRoutes(new RoutingRoutes(routing, admin, gatewayKeys));
        GatewayMetrics metrics = new GatewayMetrics(ledger, routing);
        camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, metrics.registry());
        if (Boolean.parseBoolean(camel.getPropertiesComponent()
                .resolveProperty("caravan.metrics.camel-routes")
                .orElse("false"))) {
            camel.addRoutePolicyFactory(new MicrometerRoutePolicyFactory());
        }
        AgentRuns runs = new AgentRuns(100_000, java.time.Duration.ofHours(24));
        ledger.onClosed(runs::closed);
        camel.addRoutes(new OperationsRoutes(metrics, ledger, runs, gatewayKeys));
        camel.addRoutes(new ApprovalRoutes(approvals, admin, workers, gatewayKeys));
        camel.addRoutes(new ReceiptRoutes(keys, chain, workers, gatewayKeys));
        camel.addRoutes(new FallbackRoutes());
        audit(camel, settings, ledger, metrics);
        LOG.info(
                "caravan listening on http://{}:{} (data {}, calls on {}, body limit {} bytes)",
                settings.host(),
                settings.port(),
                settings.dataDir().toAbsolutePath(),
                Workers.virtual() ? "virtual threads" : settings.workerThreads() + " platform threads",
                settings.maxBodyBytes());
        LOG.info(
                "receipts: chain {} in {}, signed with key {}",
                settings.nodeId(),
                settings.dataDir().resolve("receipts").toAbsolutePath(),
                keys.active().kid());
    }

    // audit (issue 7): each closed call's event goes to the audit routes through their bounded queue
    private static void audit(CamelContext camel, Settings settings, CallLedger ledger, GatewayMetrics metrics)
            throws Exception {
        AuditSettings audit =
                AuditSettings.bind(key -> camel.getPropertiesComponent().resolveProperty(key));
        if (!audit.anySink()) {
            LOG.info("audit: no sink configured, no events");
            return;
        }
        AuditRoutes routes = new AuditRoutes(audit, settings.dataDir());
        camel.addRoutes(new AuditErrors());
        camel.addRoutes(routes);
        AuditTap tap = new AuditTap(settings.nodeId(), AuditRoutes.queue(camel));
        ledger.onClosed(tap);
        metrics.gauge(
                "caravan.audit.queue.depth", "audit events waiting for the sinks", () -> AuditRoutes.queued(camel));
        metrics.gauge("caravan.audit.dropped", "audit events dropped because the queue was full", tap::dropped);
        if (routes.spool() != null) {
            metrics.gauge(
                    "caravan.audit.spool.pending.bytes",
                    "audit events spooled but not yet acknowledged by Kafka (the Kafka sink's lag), in bytes",
                    routes.spool()::pendingBytes);
        }
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                try {
                    routes.close();
                } catch (IOException e) {
                    LOG.warn("closing the audit file or spool failed", e);
                }
            }
        });
        LOG.info(
                "audit: file {}, kafka {}, extra sinks {}",
                audit.fileEnabled() ? settings.dataDir().resolve("audit").toAbsolutePath() : "off",
                audit.kafkaEnabled() ? audit.kafkaBrokers() : "off",
                audit.extraSinks());
    }
    // end audit

    /** The built-in detectors and any {@link Guardrail} beans an integration team bound (custom rules come with the policy). */
    private static List<Guardrail> detectors(CamelContext camel) {
        List<Guardrail> all = new ArrayList<>(BuiltInGuardrails.create());
        Set<Guardrail> beans = camel.getRegistry().findByType(Guardrail.class);
        for (Guardrail bean : beans) {
            LOG.info("guardrail bean {} added (categories {})", bean.id(), bean.categories());
            all.add(bean);
        }
        return all;
    }

    /** The configured signing key (a file, or a variable named in config), else the data directory's own. */
    private ReceiptKeyStore receiptKeys(Settings settings) {
        if (settings.receiptKeyEnv() != null) {
            String key = environment.get(settings.receiptKeyEnv());
            if (key == null || key.isBlank()) {
                throw new ConfigException(
                        "caravan.receipts.key-env names " + settings.receiptKeyEnv() + ", which is not set");
            }
            try {
                return ReceiptKeyStore.withKey(ReceiptKey.parse(key), settings.dataDir());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        "the receipt key in " + settings.receiptKeyEnv() + " is neither a PEM nor a JWK private key");
            }
        }
        if (settings.receiptKeyFile() != null) {
            try {
                return ReceiptKeyStore.fromPem(settings.receiptKeyFile(), settings.dataDir());
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new ConfigException("caravan.receipts.key-file: " + e.getMessage());
            }
        }
        return ReceiptKeyStore.open(settings.dataDir());
    }

    private static void drain(CallLedger ledger, Settings settings) {
        int inFlight = ledger.inFlight();
        if (inFlight > 0) {
            LOG.info(
                    "shutting down: waiting up to {} ms for {} calls in flight",
                    settings.shutdownTimeout().toMillis(),
                    inFlight);
        }
        try {
            if (!ledger.drain(settings.shutdownTimeout().toMillis())) {
                LOG.warn(
                        "shutting down with {} calls still in flight after {} ms",
                        ledger.inFlight(),
                        settings.shutdownTimeout().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An open gateway (no gateway keys) on a reachable address would be a free proxy to every stored credential. */
    private static void refuseOpenBind(Settings settings, CaravanFile file) {
        if (settings.allowOpen() || !file.keys().isEmpty()) {
            return;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(settings.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("caravan.host '" + settings.host() + "' cannot be resolved");
        }
        if (!loopback) {
            throw new ConfigException(
                    "refusing to listen on " + settings.host() + " without gateway keys: anyone who can reach it"
                            + " could use it; bind a loopback address, or pass --allow-open (CARAVAN_ALLOW_OPEN=true) to accept that");
        }
    }

    private static void createDataDir(Settings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + settings.dataDir(), e);
        }
    }
}
