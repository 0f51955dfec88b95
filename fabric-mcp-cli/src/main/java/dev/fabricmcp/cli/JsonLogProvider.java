package dev.fabricmcp.cli;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
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
 * {@code --log-format json}: an SLF4J provider writing one JSON object per line on stderr, with {@code timestamp},
 * {@code level}, {@code logger}, {@code message}, the MDC's fields (a run's {@code pattern}, {@code request_id},
 * {@code session}) and, for a failure, {@code exception}. {@link Logging} selects it with SLF4J's
 * {@code slf4j.provider} property; the text format stays slf4j-simple's.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {

    /** The level below which nothing is written, and the one for Jetty and Reactor; set before SLF4J starts. */
    static volatile LogLevel threshold = LogLevel.INFO;
    static volatile LogLevel quietThreshold = LogLevel.WARN;

    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, JsonLogger::new);

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

    /** A log line's fixed fields. */
    static JsonObject line(Level level, String logger, String message) {
        JsonObject line = new JsonObject();
        line.addProperty("timestamp", Instant.now().toString());
        line.addProperty("level", level.name());
        line.addProperty("logger", logger);
        line.addProperty("message", message);
        return line;
    }

    /** One logger; the threshold is fixed when it is created. */
    private static final class JsonLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;

        private final int threshold;

        JsonLogger(String name) {
            this.name = name;
            boolean chatty = name.startsWith("org.eclipse.jetty") || name.startsWith("reactor");
            LogLevel level = chatty && quietThreshold.compareTo(JsonLogProvider.threshold) > 0 ? quietThreshold
                    : JsonLogProvider.threshold;
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
            JsonObject line = line(level, name, MessageFormatter.basicArrayFormat(pattern, arguments));
            Map<String, String> context = MDC.getCopyOfContextMap();
            if (context != null) {
                context.forEach(line::addProperty);
            }
            if (failure != null) {
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                line.addProperty("exception", trace.toString());
            }
            PrintStream err = System.err;
            synchronized (err) {
                err.println(line);
            }
        }
    }
}
