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
        // The JDK's HttpClient throws a ConnectException without a message (its cause, a ClosedChannelException,
        // has none either): say what it means.
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "connecting timed out";
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
        }
        return "no connection could be made";
    }
}
