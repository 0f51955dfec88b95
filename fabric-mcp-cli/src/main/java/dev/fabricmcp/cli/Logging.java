package dev.fabricmcp.cli;

import dev.fabricmcp.core.LogText;

/**
 * Configures logging: every line goes through {@link StderrLogProvider} (text or JSON), selected with SLF4J's
 * {@code slf4j.provider} property. SLF4J reads it once, when the first logger is created, so {@link #configure}
 * must run before any class that holds a logger is used. Everything goes to stderr: in stdio mode stdout carries
 * MCP messages only.
 */
final class Logging {

    private Logging() {
    }

    static void configure(LogLevel level, LogFormat format) {
        StderrLogProvider.format = format;
        StderrLogProvider.threshold = level;
        // Jetty and Reactor are chatty below warn and say little a user can act on.
        StderrLogProvider.quietThreshold = level.compareTo(LogLevel.WARN) >= 0 ? level : LogLevel.WARN;
        setDefault("slf4j.provider", StderrLogProvider.class.getName());
        // SLF4J says at INFO which provider it loaded, in plain text: that line would break the JSON format.
        setDefault("slf4j.internal.verbosity", "WARN");
    }

    /**
     * A line on stderr whatever the log level, e.g. where the HTTP server listens (with {@code --port 0} the only
     * place the port shows); in the JSON format, as a JSON object like every other line.
     */
    static void announce(Class<?> source, String message) {
        System.err.println(StderrLogProvider.line(org.slf4j.event.Level.INFO, source.getName(), message, null,
                null));
    }

    /** A line another program wrote (Fabric started by --start-fabric), on stderr in the log format. */
    static void relay(String source, String line) {
        System.err.println(StderrLogProvider.format == LogFormat.JSON
                ? StderrLogProvider.line(org.slf4j.event.Level.INFO, source, line, null, null)
                : LogText.of(line, StderrLogProvider.MAX_MESSAGE_CHARS));
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
