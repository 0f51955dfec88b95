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
        // The JDK's HttpClient often throws a ConnectException without a message: say what it means.
        Throwable root = cause;
        while (root.getCause() != null && (root.getMessage() == null || root.getMessage().isBlank())) {
            root = root.getCause();
        }
        String text = root.getMessage();
        if (text != null && !text.isBlank()) {
            return text;
        }
        if (root instanceof java.nio.channels.UnresolvedAddressException) {
            return "unknown host";
        }
        if (root instanceof java.net.http.HttpConnectTimeoutException) {
            return "connecting timed out";
        }
        if (root instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return root.getClass().getSimpleName();
    }
}
