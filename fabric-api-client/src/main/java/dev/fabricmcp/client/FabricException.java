package dev.fabricmcp.client;

import java.net.URI;
import java.util.Objects;

/**
 * The root of the failures a {@link FabricClient} reports. Each subtype names one situation a caller may want
 * to handle on its own; every message names the URL that was called and, where Fabric said something, Fabric's
 * own text.
 */
public abstract sealed class FabricException extends RuntimeException
        permits FabricUnreachableException, FabricConnectionException, FabricTimeoutException,
        FabricResponseTooLargeException, FabricAuthenticationException, FabricNotFoundException,
        FabricHttpException, FabricProtocolException, FabricStreamException {

    private static final long serialVersionUID = 1L;

    private final URI uri;

    FabricException(URI uri, String message, Throwable cause) {
        super(message, cause);
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** The URL of the request that failed. */
    public URI uri() {
        return uri;
    }
}
