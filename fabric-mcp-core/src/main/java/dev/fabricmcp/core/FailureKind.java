package dev.fabricmcp.core;

import java.util.Locale;

/**
 * What kind of failure an {@code isError} tool result reports, for programs and metrics: the result's
 * {@code _meta["dev.fabricmcp/error"]} and the {@code error} label of {@code fabric_mcp_tool_calls_total}. Derived
 * where the result is made (from the exception, or the situation), never from the message text.
 */
public enum FailureKind {
    /** The arguments were wrong: a missing, mistyped or out-of-range value. */
    BAD_ARGUMENTS,
    /** Fabric has no such pattern, context or session. */
    NOT_FOUND,
    /** Nothing answered at Fabric's URL. */
    FABRIC_UNREACHABLE,
    /** Fabric refused the API key, or wanted one. */
    FABRIC_AUTH,
    /** Fabric answered with an error: an HTTP error status or an error event in the stream. */
    FABRIC_ERROR,
    /** Fabric's answer was not what Fabric sends: a malformed body or event. */
    FABRIC_PROTOCOL,
    /** The connection to Fabric broke, or its stream ended before it was complete. */
    FABRIC_DISCONNECTED,
    /** Fabric took longer than allowed: the request timeout, or the stream's idle timeout. */
    TIMEOUT,
    /** Fabric's answer was larger than {@code --fabric-max-response}. */
    TOO_LARGE,
    /** The client stopped listening (its stream closed) while the call ran. */
    CLIENT_GONE,
    /** The server stopped the call: it is shutting down, or the client's session ended. */
    STOPPED,
    /** A bug in fabric-mcp (or it ran out of memory): the log on stderr has the details. */
    INTERNAL;

    /** The label value, e.g. {@code fabric_unreachable}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this label, or {@link #INTERNAL} for an unknown one. */
    public static FailureKind ofLabel(String label) {
        for (FailureKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        return INTERNAL;
    }
}
