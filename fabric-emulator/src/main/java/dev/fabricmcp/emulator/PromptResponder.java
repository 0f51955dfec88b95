package dev.fabricmcp.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers the prompts of one {@code /chat} request, one after the other, each ending with {@code complete}:
 * with the registered {@link ChatScript} if there is one for the prompt's pattern, else with the emulator's
 * own answer, which imitates Fabric with an OpenAI-compatible vendor (word deltas, {@code usage},
 * {@code "\n"}, {@code complete}) or streams Fabric's {@code Error: ...} text when a check fails.
 */
record PromptResponder(EmulatorState state, EventStream stream, RecordedChat chat, ChatRequest request) {

    void respondToAll() throws StreamAborted {
        List<PromptRequest> prompts = request.prompts();
        for (int i = 0; i < prompts.size(); i++) {
            respond(i, prompts.get(i));
        }
    }

    private void respond(int index, PromptRequest p) throws StreamAborted {
        ChatScript script = state.scriptFor(p.patternName());
        PreparedPrompt prepared = PromptPreparer.prepare(state, request, p);
        chat.promptUnderstood(new RecordedPrompt(index, p, script != null, prepared.vendor(), prepared.model(),
                prepared.systemMessage(), prepared.userMessage(), prepared.error()));
        if (script != null) {
            ScriptPlayer.play(script, stream, () -> ownAnswer(p, prepared));
        } else {
            ownAnswer(p, prepared);
            stream.send(StreamEvent.COMPLETE);
        }
    }

    private void ownAnswer(PromptRequest p, PreparedPrompt prepared) throws StreamAborted {
        if (!prepared.ok()) {
            stream.send(StreamEvent.error(prepared.error()));
            return;
        }
        DefaultAnswer.Answer answer = DefaultAnswer.build(request, p, prepared);
        List<String> chunks = answer.chunks();
        for (int i = 0; i < chunks.size(); i++) {
            if (i > 0) {
                state.pause(state.wordDelay);
            }
            stream.send(StreamEvent.content(chunks.get(i)));
        }
        stream.send(StreamEvent.usage(answer.usage()));
        stream.send(StreamEvent.content("\n"));
        if (!p.sessionName().isEmpty()) {
            saveSession(p, prepared, answer.text());
        }
    }

    /** Appends the exchange to the session, as Fabric saves {@code sessions/<name>.json} after answering. */
    private void saveSession(PromptRequest p, PreparedPrompt prepared, String reply) {
        List<JsonFields> added = new ArrayList<>();
        if (!prepared.systemMessage().isEmpty()) {
            added.add(SessionFile.message("system", prepared.systemMessage()));
        }
        if (!prepared.userMessage().isEmpty()) {
            added.add(SessionFile.message("user", prepared.userMessage()));
        }
        added.add(SessionFile.message("assistant", reply));
        state.sessions.compute(p.sessionName(), (name, raw) -> SessionFile.append(raw, added));
    }
}
