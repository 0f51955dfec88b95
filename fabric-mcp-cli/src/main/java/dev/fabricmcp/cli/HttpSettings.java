package dev.fabricmcp.cli;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Streamable HTTP options, as given; {@link HttpServer} maps them onto the core's transport.
 *
 * @param host           the address to bind
 * @param port           the port; 0 picks a free one
 * @param mcpPath        the MCP endpoint, e.g. {@code /mcp}
 * @param allowedOrigins browser origins allowed besides localhost, e.g. {@code https://app.example:*}
 * @param allowedHosts   {@code Host} headers allowed besides localhost and {@code host}, e.g. {@code mybox:*}
 * @param token          the bearer token clients must send, if any
 * @param sessionIdle    how long a session (protocol 2025-11-25 and earlier) may stay unused before it is dropped
 * @param bodyTimeout    how long a request's body may take to arrive, from the end of its headers
 */
record HttpSettings(String host, int port, String mcpPath, List<String> allowedOrigins, List<String> allowedHosts,
                    Optional<Secret> token, Duration sessionIdle, Duration bodyTimeout) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8000;
    static final String DEFAULT_MCP_PATH = "/mcp";
    static final String DEFAULT_SESSION_IDLE = "30m";
    static final String DEFAULT_BODY_TIMEOUT = "30s";

    HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(mcpPath, "mcpPath");
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
    }

    /**
     * The defaults: loopback, port 8000, {@code /mcp}, nothing more allowed, no token, sessions idle 30 minutes,
     * 30 seconds for a body.
     */
    static HttpSettings defaults() {
        DurationConverter durations = new DurationConverter();
        return new HttpSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MCP_PATH, List.of(), List.of(), Optional.empty(),
                durations.convert(DEFAULT_SESSION_IDLE), durations.convert(DEFAULT_BODY_TIMEOUT));
    }
}
