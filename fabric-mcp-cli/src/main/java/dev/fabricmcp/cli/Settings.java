package dev.fabricmcp.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the command line and the environment decided, checked. Secrets print as {@code (hidden)}.
 *
 * @param transport     how clients reach the server
 * @param fabricUrl     where {@code fabric --serve} listens
 * @param fabricApiKey  the key Fabric was started with, if any
 * @param fabricTimeout how long a {@code /chat} stream may stay silent
 * @param fabricRequestTimeout how long any other Fabric call may take in all
 * @param fabricMaxResponse    the most bytes of an answer read from Fabric
 * @param logLevel      how much goes to stderr
 * @param http          the HTTP listener (its defaults when the transport is stdio)
 */
record Settings(Transport transport, URI fabricUrl, Optional<Secret> fabricApiKey, Duration fabricTimeout,
                Duration fabricRequestTimeout, long fabricMaxResponse, LogLevel logLevel, HttpSettings http) {

    Settings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(fabricUrl, "fabricUrl");
        Objects.requireNonNull(fabricApiKey, "fabricApiKey");
        Objects.requireNonNull(fabricTimeout, "fabricTimeout");
        Objects.requireNonNull(fabricRequestTimeout, "fabricRequestTimeout");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(http, "http");
    }
}
