package dev.caravan;

import dev.caravan.config.CaravanConfiguration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/** One running gateway: camel-main with Caravan's configuration, started in-process (tests, demo) or until SIGTERM (serve). */
public final class Gateway implements AutoCloseable {
    private final Main main;

    private Gateway(Main main) {
        this.main = main;
    }

    /** Builds a gateway; {@code overrides} win over application.properties (they are what the command line sets). */
    public static Gateway create(Map<String, String> overrides, Map<String, String> environment) {
        Main main = new Main();
        Properties properties = new Properties();
        properties.putAll(overrides);
        main.setOverrideProperties(properties);
        main.configure().addConfiguration(new CaravanConfiguration(environment));
        return new Gateway(main);
    }

    /**
     * Binds a bean into the registry before start: how an integration team adds its own {@code Guardrail} (any bean of
     * that type is picked up) or other extension.
     */
    public Gateway bind(String name, Object bean) {
        main.bind(name, bean);
        return this;
    }

    /** Starts and returns at once. */
    public Gateway start() {
        main.start();
        if (main.getCamelContext() == null || !main.getCamelContext().isStarted()) {
            throw new IllegalStateException("the gateway did not start");
        }
        return this;
    }

    /** Runs until the JVM is told to stop (SIGTERM, Ctrl-C); returns camel-main's exit code. */
    public int runUntilStopped() throws Exception {
        main.run();
        return main.getExitCode();
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
