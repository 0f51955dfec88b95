package dev.fabricmcp.client;

import java.net.URI;

/** Fabric answered 2xx, but with JSON of a shape this client does not understand. */
public final class FabricProtocolException extends FabricException {

    private static final long serialVersionUID = 1L;

    /** Creates the failure; the client does, and so may tests of code that handles it. */
    public FabricProtocolException(URI uri, String problem) {
        super(uri, "Unexpected answer from Fabric at " + uri + ": " + problem, null);
    }
}
