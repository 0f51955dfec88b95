package dev.fabricmcp.client;

import java.net.URI;

/** Fabric answered with an HTTP status this client does not map to a more precise failure. */
public final class FabricHttpException extends FabricException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String body;

    /** Creates the failure; the client does, and so may tests of code that handles it. */
    public FabricHttpException(URI uri, int statusCode, String body) {
        super(uri, "Fabric at " + uri + " answered HTTP " + statusCode + (body.isBlank() ? "" : ": " + body), null);
        this.statusCode = statusCode;
        this.body = body;
    }

    /** The HTTP status code. */
    public int statusCode() {
        return statusCode;
    }

    /** The response body as text (possibly shortened), Fabric's own words where it sent any. */
    public String body() {
        return body;
    }
}
