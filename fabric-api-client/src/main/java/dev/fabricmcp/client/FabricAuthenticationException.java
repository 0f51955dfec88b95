package dev.fabricmcp.client;

import java.net.URI;

/**
 * Fabric answered 401: it was started with {@code --api-key} and the request carried no key, or the wrong one.
 */
public final class FabricAuthenticationException extends FabricException {

    private static final long serialVersionUID = 1L;

    /** Which of Fabric's two 401 answers this was. */
    public enum Reason {
        /** Fabric's {@code Missing API Key}: no {@code X-API-Key} header was sent. */
        MISSING_KEY,
        /** Fabric's {@code Wrong API Key}: a key was sent and Fabric rejected it. */
        WRONG_KEY,
        /** A 401 whose text is neither of Fabric's two (a proxy in between, or a newer Fabric). */
        OTHER
    }

    private final Reason reason;
    private final String fabricMessage;

    /** Creates the failure; the client does, and so may tests of code that handles it. */
    public FabricAuthenticationException(URI uri, Reason reason, String fabricMessage) {
        super(uri, "Fabric at " + uri + " refused the request (401 " + fabricMessage + ")", null);
        this.reason = reason;
        this.fabricMessage = fabricMessage;
    }

    /** Which 401 this was. */
    public Reason reason() {
        return reason;
    }

    /** Fabric's own text, e.g. {@code Wrong API Key}. */
    public String fabricMessage() {
        return fabricMessage;
    }
}
