package dev.caravan.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log line of the gateway, Camel and the HTTP client at DEBUG, kept in memory for a test class to scan. */
public final class CapturedLogs implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> raised = new ArrayList<>();

    private CapturedLogs() {}

    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.appender.setContext(context);
        logs.appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs.appender);
        for (String name : List.of("dev.caravan", "org.apache.camel", "org.apache.hc")) {
            Logger logger = context.getLogger(name);
            logger.setLevel(Level.DEBUG);
            logs.raised.add(logger);
        }
        return logs;
    }

    /** Every line so far, with the message of any exception it carries. */
    public String text() {
        List<ILoggingEvent> events;
        synchronized (appender) { // AppenderBase appends under the appender's own lock, from any thread
            events = new ArrayList<>(appender.list);
        }
        return String.join(
                "\n",
                events.stream()
                        .map(e -> e.getFormattedMessage()
                                + (e.getThrowableProxy() == null
                                        ? ""
                                        : e.getThrowableProxy().getMessage()))
                        .toList());
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        raised.forEach(logger -> logger.setLevel(null));
    }
}
