package dev.fabricmcp.client;

import java.net.URI;

/**
 * The connection to Fabric was made, but the exchange failed before the answer was whole: Fabric (or something in
 * between) closed or reset the connection, or sent something that is not a valid HTTP answer, such as headers larger
 * than the JDK accepts. Unlike {@link FabricUnreachableException}, Fabric was there.
 */
public final class FabricConnectionException extends FabricException {

    private static final long serialVersionUID = 1L;

    private final String detail;

    /** Creates the failure; the client does, and so may tests of code that handles it. */
    public FabricConnectionException(URI uri, String detail, Throwable cause) {
        super(uri, "The exchange with Fabric at " + uri + " failed after connecting: " + detail, cause);
        this.detail = detail;
    }

    /** What went wrong, in words (no class names). */
    public String detail() {
        return detail;
    }
}
