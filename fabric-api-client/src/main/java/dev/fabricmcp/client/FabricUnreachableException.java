package dev.fabricmcp.client;

import java.net.URI;

/** Fabric could not be reached: the connection was refused, the host is unknown, or connecting timed out. */
public final class FabricUnreachableException extends FabricException {

    private static final long serialVersionUID = 1L;

    /** Creates the failure; the client does, and so may tests of code that handles it. */
    public FabricUnreachableException(URI uri, Throwable cause) {
        super(uri, "Fabric is not reachable at " + uri + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String text = cause.getMessage();
        String kind = cause.getClass().getSimpleName();
        return text == null || text.isBlank() ? kind : kind + " (" + text + ")";
    }
}
