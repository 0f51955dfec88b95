package dev.fabricmcp.core.streaming;

/** Sending to the client failed: it closed its stream or its connection, so nobody is listening any more. */
final class ClientGoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ClientGoneException(Throwable cause) {
        super("the client stopped listening: " + cause.getMessage(), cause);
    }
}
