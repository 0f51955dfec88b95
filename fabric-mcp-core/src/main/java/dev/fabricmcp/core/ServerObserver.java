package dev.fabricmcp.core;

import java.time.Duration;

/**
 * What the server tells an observer about its work, for metrics. The core knows no metrics library: the CLI
 * implements this with one. Methods are called on the threads doing the work and must return quickly; the
 * defaults do nothing.
 */
public interface ServerObserver {

    /** An observer that observes nothing. */
    ServerObserver NONE = new ServerObserver() {
    };

    /** How a tool call ended. */
    enum Outcome {
        /** A result without {@code isError}. */
        OK,
        /** An {@code isError} result: Fabric failed, the arguments were wrong, or the run was stopped midway. */
        ERROR,
        /** The client cancelled the call (or went away) before it had a result. */
        CANCELLED;

        /** The label value, e.g. {@code ok}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A tool call began. */
    default void toolCallStarted(String tool) {
    }

    /** The protocol era of what {@link #sessionOpened} counts. */
    enum Era {
        /** MCP 2025-11-25 and older: a session from {@code initialize} until it is deleted, swept or closed. */
        LEGACY,
        /**
         * MCP 2026-07-28: no sessions; each request stands alone, so a request being answered is what counts (a
         * {@code subscriptions/listen} stream, which lasts, is such a request too).
         */
        MODERN;

        /** The label value, e.g. {@code legacy}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A tool call ended, {@code duration} after it began; {@code failure} is the kind of an {@link Outcome#ERROR}
     * (null otherwise).
     */
    default void toolCallEnded(String tool, Outcome outcome, FailureKind failure, Duration duration) {
    }

    /** A legacy session opened, or a modern request began. */
    default void sessionOpened(Era era) {
    }

    /** A legacy session closed, or a modern request was answered (or abandoned). */
    default void sessionClosed(Era era) {
    }

    /** A pattern run's first chunk arrived from Fabric, {@code wait} after the run began. */
    default void firstChunk(Duration wait) {
    }

    /** A chunk of a streamed run was handed to the client's transport. */
    default void chunkRelayed() {
    }
}
