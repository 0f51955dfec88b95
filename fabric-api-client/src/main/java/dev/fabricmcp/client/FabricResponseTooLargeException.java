package dev.fabricmcp.client;

import java.net.URI;

/**
 * Fabric's answer was longer than this client reads ({@link FabricClient.Builder#maxResponseBytes}). The connection
 * was closed at the limit; for {@code /chat} the chunks delivered before this failure are the part that fitted.
 */
public final class FabricResponseTooLargeException extends FabricException {

    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    /** Creates the failure; the client does, and so may tests of code that handles it. */
    public FabricResponseTooLargeException(URI uri, long limitBytes) {
        super(uri, "The answer from Fabric at " + uri + " is longer than " + Sizes.describe(limitBytes)
                + ", the most fabric-mcp reads", null);
        this.limitBytes = limitBytes;
    }

    /** The limit, in bytes of body. */
    public long limitBytes() {
        return limitBytes;
    }
}
