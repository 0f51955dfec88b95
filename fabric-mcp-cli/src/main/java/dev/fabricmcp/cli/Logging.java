package dev.fabricmcp.cli;

/**
 * Configures logging: for {@code --log-format json} selects {@link JsonLogProvider}, else configures slf4j-simple
 * through its system properties. It reads them once, when the first logger is created, so
 * {@link #configure} must run before any class that holds a logger is used. Everything goes to stderr: in stdio mode
 * stdout carries MCP messages only. A property already set (with {@code -D}) wins.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    private static volatile LogFormat format = LogFormat.TEXT;

    static void configure(LogLevel level, LogFormat format) {
        Logging.format = format;
        if (format == LogFormat.JSON) {
            JsonLogProvider.threshold = level;
            JsonLogProvider.quietThreshold = level.compareTo(LogLevel.WARN) >= 0 ? level : LogLevel.WARN;
            setDefault("slf4j.provider", JsonLogProvider.class.getName(), "");
            // SLF4J says at INFO which provider it loaded, in plain text: that line would break the format.
            setDefault("slf4j.internal.verbosity", "WARN", "");
            return;
        }
        setDefault("defaultLogLevel", level.toString());
        setDefault("logFile", "System.err");
        setDefault("showDateTime", "true");
        setDefault("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("showShortLogName", "true");
        setDefault("showThreadName", Boolean.toString(level.compareTo(LogLevel.DEBUG) <= 0));
        // Jetty and Reactor are chatty below warn and say little a user can act on.
        String quiet = level.compareTo(LogLevel.WARN) >= 0 ? level.toString() : LogLevel.WARN.toString();
        setDefault("log.org.eclipse.jetty", quiet);
        setDefault("log.reactor", quiet);
    }

    /**
     * A line on stderr whatever the log level, e.g. where the HTTP server listens (with {@code --port 0} the only
     * place the port shows); in the JSON format, as a JSON object like every other line.
     */
    static void announce(Class<?> source, String message) {
        relay(source.getName(), message);
    }

    /** A line another program wrote (Fabric started by --start-fabric), on stderr in the log format. */
    static void relay(String source, String line) {
        System.err.println(format == LogFormat.JSON
                ? JsonLogProvider.line(org.slf4j.event.Level.INFO, source, line).toString() : line);
    }

    private static void setDefault(String key, String value) {
        setDefault(key, value, PREFIX);
    }

    private static void setDefault(String key, String value, String prefix) {
        if (System.getProperty(prefix + key) == null) {
            System.setProperty(prefix + key, value);
        }
    }
}
