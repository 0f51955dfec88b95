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

    /** A tool call ended, {@code duration} after it began. */
    default void toolCallEnded(String tool, Outcome outcome, Duration duration) {
    }

    /** A pattern run's first chunk arrived from Fabric, {@code wait} after the run began. */
    default void firstChunk(Duration wait) {
    }

    /** A chunk of a streamed run was handed to the client's transport. */
    default void chunkRelayed() {
    }
}
