package dev.fabricmcp.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A scripted answer to one prompt of a {@code POST /chat}: the {@link ChatStep}s to play, then (unless
 * {@link #sendComplete()} is false) the {@code complete} event, which Fabric sends after every prompt even
 * after an error. Register scripts with {@link FabricEmulator#script(String, ChatScript)}; a script replaces
 * the emulator's own processing of prompts naming that pattern, validation included.
 *
 * <p>The ready-made scenarios follow the event order of Fabric with an OpenAI-compatible vendor: content
 * deltas, one {@code usage} event, a final {@code "\n"} content event, then {@code complete}.
 *
 * @param steps        the steps, in order
 * @param sendComplete whether {@code complete} follows the steps (a {@link ChatStep.Cut} prevents it anyway)
 */
public record ChatScript(List<ChatStep> steps, boolean sendComplete) {

    /** The input token count the ready-made scenarios report (as in the reference transcript). */
    public static final int SCRIPTED_INPUT_TOKENS = 9;

    public ChatScript {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }

    /** Starts a custom script. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A normal answer: the chunks, usage (9 input tokens, one output token per chunk), {@code "\n"},
     * {@code complete}. {@code answer("Hello", " world")} is a successful two-chunk answer.
     */
    public static ChatScript answer(String... chunks) {
        return builder().contents(chunks).usage(SCRIPTED_INPUT_TOKENS, chunks.length).newline().build();
    }

    /** Like {@link #answer(String...)}, but every chunk is written {@code delay} after the previous one. */
    public static ChatScript answerWithDelay(Duration delay, String... chunks) {
        Builder b = builder();
        for (String chunk : chunks) {
            b.content(chunk, delay);
        }
        return b.usage(SCRIPTED_INPUT_TOKENS, chunks.length).newline().build();
    }

    /** The stream's headers, then nothing until the emulator closes: a model that never answers. */
    public static ChatScript silence() {
        return builder().await(new CompletableFuture<Void>()).withoutComplete().build();
    }

    /** The emulator's own answer, as if unscripted. */
    public static ChatScript defaultAnswer() {
        return builder().defaultAnswer().build();
    }

    /** Nothing for {@code delay} (time to first byte), then the emulator's own answer. */
    public static ChatScript delayedDefaultAnswer(Duration delay) {
        return builder().pause(delay).defaultAnswer().build();
    }

    /**
     * A stream that fails mid-way, like an LLM error with an OpenAI-compatible vendor: the chunks, then
     * {@code error} with {@code "Error: " + detail}, then {@code complete} (no usage, no {@code "\n"}).
     */
    public static ChatScript errorAfter(String detail, String... chunksBefore) {
        return builder().contents(chunksBefore).error(detail).build();
    }

    /** The chunks, then the connection is dropped without {@code complete} and without the final chunk. */
    public static ChatScript cutAfter(String... chunksBefore) {
        return builder().contents(chunksBefore).cut().build();
    }

    /**
     * The chunks, then the malformed event <code>data: &#123;"type":"content",</code> + blank line, then usage,
     * {@code "\n"} and {@code complete} as usual.
     */
    public static ChatScript malformedEventAfter(String... chunksBefore) {
        return builder().contents(chunksBefore).step(ChatStep.malformedEvent())
                .usage(SCRIPTED_INPUT_TOKENS, chunksBefore.length).newline().build();
    }

    /**
     * A long silence: one chunk {@code "Thinking"}, nothing for {@code stall}, then {@code " done"}, usage,
     * {@code "\n"}, {@code complete}. A client that leaves during the silence is only noticed when
     * {@code " done"} is written; use {@link #slowStream(int, Duration)} to notice it quickly.
     */
    public static ChatScript stall(Duration stall) {
        return builder().content("Thinking").pause(stall).content(" done")
                .usage(SCRIPTED_INPUT_TOKENS, 2).newline().build();
    }

    /**
     * A long, slow answer: {@code chunks} chunks {@code "chunk i\n"}, one every {@code interval} (50-100 ms is
     * a good choice for disconnect tests: the emulator writes often enough to notice a client that left).
     */
    public static ChatScript slowStream(int chunks, Duration interval) {
        return builder().series(chunks, interval, "chunk").usage(SCRIPTED_INPUT_TOKENS, chunks).newline().build();
    }

    /** One content chunk of {@code chars} ASCII characters (e.g. 1 MB), then usage, {@code "\n"}, complete. */
    public static ChatScript hugeChunk(int chars) {
        return builder().step(ChatStep.hugeContent(chars)).usage(SCRIPTED_INPUT_TOKENS, 1).newline().build();
    }

    /** {@code n} small chunks {@code "chunk i\n"} with no delay, then usage, {@code "\n"}, complete. */
    public static ChatScript burst(int n) {
        return builder().series(n, Duration.ZERO, "chunk").usage(SCRIPTED_INPUT_TOKENS, n).newline().build();
    }

    /** A normal answer that ends (with the terminating chunk) but never sends {@code complete}. */
    public static ChatScript withoutComplete(String... chunks) {
        return builder().contents(chunks).usage(SCRIPTED_INPUT_TOKENS, chunks.length).newline()
                .withoutComplete().build();
    }

    /**
     * {@code n} chunks, one every {@code interval}, each stamped with its send time (see {@link ChunkStamp}),
     * then usage, {@code "\n"}, complete.
     */
    public static ChatScript timestamped(int n, Duration interval) {
        return builder().timestamped(n, interval).usage(SCRIPTED_INPUT_TOKENS, n).newline().build();
    }

    /** Builds a custom {@link ChatScript}; {@code complete} is sent at the end unless {@link #withoutComplete()}. */
    public static final class Builder {
        private final List<ChatStep> steps = new ArrayList<>();
        private boolean sendComplete = true;

        private Builder() {
        }

        /** Adds any step. */
        public Builder step(ChatStep step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /** A content chunk, written at once. */
        public Builder content(String text) {
            return step(ChatStep.content(text));
        }

        /** A content chunk, written after {@code delay}. */
        public Builder content(String text, Duration delay) {
            return step(ChatStep.content(text, delay));
        }

        /** Several content chunks, written at once. */
        public Builder contents(String... texts) {
            for (String text : texts) {
                content(text);
            }
            return this;
        }

        /** The final {@code "\n"} chunk of OpenAI-compatible vendors. */
        public Builder newline() {
            return step(ChatStep.newline());
        }

        /** A usage event. */
        public Builder usage(int inputTokens, int outputTokens) {
            return step(ChatStep.usage(inputTokens, outputTokens));
        }

        /** An error event {@code "Error: " + detail}. */
        public Builder error(String detail) {
            return step(ChatStep.error(detail));
        }

        /** An error event with exactly {@code content}. */
        public Builder errorText(String content) {
            return step(new ChatStep.Error(content));
        }

        /** Raw bytes, written as is. */
        public Builder raw(String text) {
            return step(new ChatStep.Raw(text));
        }

        /** Silence for {@code duration}. */
        public Builder pause(Duration duration) {
            return step(new ChatStep.Pause(duration));
        }

        /** Silence until the test completes {@code cue}. */
        public Builder await(CompletionStage<?> cue) {
            return step(new ChatStep.Await(cue));
        }

        /** Drop the connection. */
        public Builder cut() {
            return step(new ChatStep.Cut());
        }

        /** {@code count} chunks {@code label + " " + i + "\n"}, one every {@code interval}. */
        public Builder series(int count, Duration interval, String label) {
            return step(new ChatStep.Series(count, interval, label, false));
        }

        /** {@code count} timestamped chunks (see {@link ChunkStamp}), one every {@code interval}. */
        public Builder timestamped(int count, Duration interval) {
            return step(new ChatStep.Series(count, interval, null, true));
        }

        /** The emulator's own answer (without {@code complete}). */
        public Builder defaultAnswer() {
            return step(new ChatStep.DefaultAnswer());
        }

        /** Ends the prompt without the {@code complete} event. */
        public Builder withoutComplete() {
            sendComplete = false;
            return this;
        }

        public ChatScript build() {
            return new ChatScript(steps, sendComplete);
        }
    }
}
