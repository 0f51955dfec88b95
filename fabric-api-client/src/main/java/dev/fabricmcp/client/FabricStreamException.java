package dev.fabricmcp.client;

import java.net.URI;
import java.util.Optional;

/**
 * A {@code /chat} stream that did not end with Fabric's {@code complete} event. {@link #reason()} says why;
 * the chunks delivered before this failure are valid and complete in themselves.
 */
public final class FabricStreamException extends FabricException {

    private static final long serialVersionUID = 1L;

    /** Why the stream failed. */
    public enum Reason {
        /** Fabric sent an {@code error} event; {@link #detail()} is Fabric's text. */
        ERROR_EVENT,
        /** An event could not be understood; {@link #detail()} is the raw data. */
        MALFORMED_EVENT,
        /** The body ended cleanly but no {@code complete} event was seen. */
        INCOMPLETE,
        /** The connection was lost in the middle of the body. */
        DISCONNECTED,
        /** No bytes arrived for longer than the stream idle timeout. */
        IDLE_TIMEOUT
    }

    private final Reason reason;
    private final String detail;
    private final transient FabricChunk errorChunk;

    /** Creates the failure; the client does, and so may tests of code that handles it. */
    public FabricStreamException(URI uri, Reason reason, String detail, FabricChunk errorChunk, Throwable cause) {
        super(uri, describe(uri, reason, detail), cause);
        this.reason = reason;
        this.detail = detail;
        this.errorChunk = errorChunk;
    }

    private static String describe(URI uri, Reason reason, String detail) {
        return switch (reason) {
            case ERROR_EVENT -> "Fabric at " + uri + " reported an error: " + detail;
            case MALFORMED_EVENT -> "Fabric at " + uri + " sent an event that is not valid: " + detail;
            case INCOMPLETE -> "The stream from " + uri + " ended without Fabric's 'complete' event";
            case DISCONNECTED -> "The connection to " + uri + " was lost in the middle of the stream: " + detail;
            case IDLE_TIMEOUT -> "Fabric at " + uri + " sent nothing for " + detail;
        };
    }

    /** Why the stream failed. */
    public Reason reason() {
        return reason;
    }

    /** Fabric's error text, the raw malformed data, or a description of the transport failure. */
    public String detail() {
        return detail;
    }

    /** For {@link Reason#ERROR_EVENT}: the error event exactly as Fabric sent it. */
    public Optional<FabricChunk> errorChunk() {
        return Optional.ofNullable(errorChunk);
    }
}
