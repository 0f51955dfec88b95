package dev.fabricmcp.core.tools;

/** A tool argument that is missing, of the wrong type, or out of range; the message says which and what is allowed. */
public final class ArgumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ArgumentException(String message) {
        super(message);
    }
}
