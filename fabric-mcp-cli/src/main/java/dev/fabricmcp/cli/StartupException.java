package dev.fabricmcp.cli;

/** The server could not start for a reason the user can fix; the message says what and how. Exit code 1. */
final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
