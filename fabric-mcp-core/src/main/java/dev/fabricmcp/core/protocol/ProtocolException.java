package dev.fabricmcp.core.protocol;

/** A request that is answered with a JSON-RPC error: the code, and a message that says what to change. */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final transient Object data;

    public ProtocolException(int code, String message) {
        this(code, message, null);
    }

    public ProtocolException(int code, String message, Object data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    public Object data() {
        return data;
    }
}
