package dev.fabricmcp.client.sse;

/** The event stream cannot be read as server-sent events. */
public final class SseFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SseFormatException(String message) {
        super(message);
    }
}
