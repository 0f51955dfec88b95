package dev.fabricmcp.emulator;

/** Unwinds the processing of a {@code /chat} answer that cannot go on; carries why. */
final class StreamAborted extends Exception {

    private static final long serialVersionUID = 1L;

    private final ChatOutcome outcome;

    StreamAborted(ChatOutcome outcome) {
        super(outcome.name(), null, false, false);
        this.outcome = outcome;
    }

    ChatOutcome outcome() {
        return outcome;
    }
}
