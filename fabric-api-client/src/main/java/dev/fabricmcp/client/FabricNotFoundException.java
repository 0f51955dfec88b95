package dev.fabricmcp.client;

import java.net.URI;

/**
 * Fabric does not know the named pattern (or context). Fabric reports this as HTTP 500 with a JSON string such as
 * {@code "pattern 'x' not found. Run 'fabric -l' to see available patterns"}; this type recognises it.
 */
public final class FabricNotFoundException extends FabricException {

    private static final long serialVersionUID = 1L;

    private final String fabricMessage;

    /** Creates the failure; the client does, and so may tests of code that handles it. */
    public FabricNotFoundException(URI uri, String fabricMessage) {
        super(uri, "Fabric at " + uri + " answered: " + fabricMessage, null);
        this.fabricMessage = fabricMessage;
    }

    /** Fabric's own text. */
    public String fabricMessage() {
        return fabricMessage;
    }
}
