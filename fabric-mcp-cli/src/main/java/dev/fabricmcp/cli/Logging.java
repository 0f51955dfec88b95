package dev.fabricmcp.cli;

/**
 * Configures slf4j-simple through its system properties. It reads them once, when the first logger is created, so
 * {@link #configure} must run before any class that holds a logger is used. Everything goes to stderr: in stdio mode
 * stdout carries MCP messages only. A property already set (with {@code -D}) wins.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(LogLevel level) {
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

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
