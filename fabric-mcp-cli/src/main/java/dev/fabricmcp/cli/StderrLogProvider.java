package dev.fabricmcp.cli;

import com.google.gson.JsonObject;
import dev.fabricmcp.core.LogText;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The one sink of every log line fabric-mcp writes, whoever logged it (fabric-mcp, the MCP SDK, Jetty, Reactor):
 * an SLF4J provider writing to stderr, one line per message, as text
 * ({@code 2026-11-24T17:28:52.859Z INFO StdioServer - message}) or, for {@code --log-format json}, as one JSON
 * object with {@code timestamp}, {@code level}, {@code logger}, {@code message}, the MDC's fields (a run's
 * {@code pattern}, {@code request_id}, {@code session}) and, for a failure, {@code exception}.
 * <p>
 * Messages quote what clients and Fabric send (the SDK logs a client's name and version verbatim), so every message,
 * MDC value and exception message is escaped and shortened here ({@link LogText}, {@value #MAX_MESSAGE_CHARS}
 * characters): no client can forge a log line or flood the log through any logger. {@link Logging} selects this
 * provider with SLF4J's {@code slf4j.provider} property.
 */
public final class StderrLogProvider implements SLF4JServiceProvider {

    /** The longest message written: a log line says what happened, it does not carry data. */
    static final int MAX_MESSAGE_CHARS = 2000;

    /** The level below which nothing is written, and the one for Jetty and Reactor; set before SLF4J starts. */
    static volatile LogLevel threshold = LogLevel.INFO;
    static volatile LogLevel quietThreshold = LogLevel.WARN;
    static volatile LogFormat format = LogFormat.TEXT;

    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());

    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, StderrLogger::new);

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to set up: the loggers write to System.err as they log.
    }

    /** One log line in the configured format, everything in it from outside escaped and shortened. */
    static String line(Level level, String logger, String message, Map<String, String> context, Throwable failure) {
        String text = LogText.of(message, MAX_MESSAGE_CHARS);
        if (format == LogFormat.JSON) {
            JsonObject line = new JsonObject();
            line.addProperty("timestamp", Instant.now().toString());
            line.addProperty("level", level.name());
            line.addProperty("logger", logger);
            line.addProperty("message", text);
            if (context != null) {
                context.forEach((key, value) -> line.addProperty(key, LogText.of(value)));
            }
            if (failure != null) {
                line.addProperty("exception", trace(failure));
            }
            return line.toString();
        }
        StringBuilder line = new StringBuilder(text.length() + 64);
        line.append(TEXT_TIME.format(Instant.now())).append(' ');
        if (threshold.compareTo(LogLevel.DEBUG) <= 0) {
            line.append('[').append(Thread.currentThread().getName()).append("] ");
        }
        line.append(level.name()).append(' ').append(logger.substring(logger.lastIndexOf('.') + 1))
                .append(" - ").append(text);
        if (failure != null) {
            line.append(System.lineSeparator()).append(trace(failure));
        }
        return line.toString();
    }

    /**
     * A failure as a stack trace whose every message is escaped: frames are the JVM's, but an exception's message
     * may quote anything (a client's input, Fabric's answer), and printStackTrace would print its line breaks.
     */
    static String trace(Throwable failure) {
        StringBuilder trace = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String prefix = "";
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            trace.append(prefix).append(current.getClass().getName());
            if (current.getMessage() != null) {
                trace.append(": ").append(LogText.of(current.getMessage(), MAX_MESSAGE_CHARS));
            }
            for (StackTraceElement frame : current.getStackTrace()) {
                trace.append(System.lineSeparator()).append("\tat ").append(frame);
            }
            prefix = System.lineSeparator() + "Caused by: ";
        }
        return trace.toString();
    }

    /** One logger; the threshold is fixed when it is created. */
    private static final class StderrLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;

        private final int threshold;

        StderrLogger(String name) {
            this.name = name;
            boolean chatty = name.startsWith("org.eclipse.jetty") || name.startsWith("reactor");
            LogLevel level = chatty && quietThreshold.compareTo(StderrLogProvider.threshold) > 0 ? quietThreshold
                    : StderrLogProvider.threshold;
            this.threshold = level.ordinal();
        }

        private boolean enabled(LogLevel level) {
            return level.ordinal() >= threshold;
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(LogLevel.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(LogLevel.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(LogLevel.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(LogLevel.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(LogLevel.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable failure) {
            String line = line(level, name, MessageFormatter.basicArrayFormat(pattern, arguments),
                    MDC.getCopyOfContextMap(), failure);
            PrintStream err = System.err;
            synchronized (err) {
                err.println(line);
            }
        }
    }
}
