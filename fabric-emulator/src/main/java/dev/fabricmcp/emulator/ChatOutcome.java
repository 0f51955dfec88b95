package dev.fabricmcp.emulator;

/** How a {@code POST /chat} exchange ended. */
public enum ChatOutcome {
    /** All prompts were answered and the body was ended with the terminating zero-length chunk. */
    COMPLETED,
    /** {@code prompts} was missing, {@code null} or empty: 200 with an empty body. */
    EMPTY,
    /** The body was not a valid request: 400 {@code {"error":"invalid request format: ..."}}. */
    REJECTED,
    /** A write or flush failed because the client went away; see {@link RecordedChat#clientGoneAt()}. */
    CLIENT_GONE,
    /** A script step cut the connection on purpose. */
    CUT,
    /** The emulator was closed while the answer was still being written. */
    STOPPED,
    /** The emulator failed unexpectedly (a bug); the connection was closed. */
    FAILED
}
