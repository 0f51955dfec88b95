package dev.fabricmcp.emulator;

/**
 * Plays a {@link ChatScript} for one prompt onto the {@link EventStream}.
 */
final class ScriptPlayer {

    /** The emulator's own answer, run for a {@link ChatStep.DefaultAnswer} step. */
    @FunctionalInterface
    interface OwnAnswer {
        void write() throws StreamAborted;
    }

    private ScriptPlayer() {
    }

    static void play(ChatScript script, EventStream stream, OwnAnswer ownAnswer) throws StreamAborted {
        EmulatorState state = stream.state();
        for (ChatStep step : script.steps()) {
            if (step instanceof ChatStep.Content c) {
                state.pause(c.delay());
                stream.send(StreamEvent.content(c.text()));
            } else if (step instanceof ChatStep.Series s) {
                for (int i = 0; i < s.count(); i++) {
                    state.pause(s.interval());
                    String text = s.timestamped() ? ChunkStamp.now(i).render() : s.label() + " " + i + "\n";
                    stream.send(StreamEvent.content(text));
                }
            } else if (step instanceof ChatStep.Usage u) {
                stream.send(StreamEvent.usage(u.usage()));
            } else if (step instanceof ChatStep.Error e) {
                stream.send(StreamEvent.error(e.content()));
            } else if (step instanceof ChatStep.Raw r) {
                stream.sendRaw(r.text());
            } else if (step instanceof ChatStep.Pause p) {
                state.pause(p.duration());
            } else if (step instanceof ChatStep.Await a) {
                state.await(a.cue());
            } else if (step instanceof ChatStep.Cut) {
                throw new StreamAborted(ChatOutcome.CUT);
            } else if (step instanceof ChatStep.DefaultAnswer) {
                ownAnswer.write();
            } else {
                throw new IllegalStateException("unknown step " + step);
            }
        }
        if (script.sendComplete()) {
            stream.send(StreamEvent.COMPLETE);
        }
    }
}
