package dev.fabricmcp.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * One step of a {@link ChatScript}: what the emulator writes (or does) next while answering one prompt of a
 * {@code POST /chat}. Steps only ever write what Fabric could write, except {@link Raw}, which exists to send
 * deliberately malformed bytes.
 */
public sealed interface ChatStep {

    /** A {@code content} event with {@code text} (format detected per chunk), written after {@code delay}. */
    record Content(String text, Duration delay) implements ChatStep {
        public Content {
            Objects.requireNonNull(text, "text");
            delay = nonNegative(delay);
        }
    }

    /**
     * {@code count} content events, each written after waiting {@code interval}. The content of chunk
     * {@code i} is {@code label + " " + i + "\n"}, or, when {@code timestamped}, the {@link ChunkStamp}
     * {@code seq=i ts=<epochMicros>\n} taken just before writing.
     */
    record Series(int count, Duration interval, String label, boolean timestamped) implements ChatStep {
        public Series {
            if (count < 0) {
                throw new IllegalArgumentException("count < 0");
            }
            interval = nonNegative(interval);
            label = Objects.requireNonNullElse(label, "chunk");
        }
    }

    /** A {@code usage} event. */
    record Usage(TokenUsage usage) implements ChatStep {
        public Usage {
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** An {@code error} event (format {@code plain}) whose content is exactly {@code content}. */
    record Error(String content) implements ChatStep {
        public Error {
            Objects.requireNonNull(content, "content");
        }
    }

    /** Writes {@code text} as is (no {@code data: } prefix, nothing added) and flushes it. */
    record Raw(String text) implements ChatStep {
        public Raw {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Writes nothing for {@code duration}. The wait is sliced so that closing the emulator ends it promptly;
     * note that a client that goes away during a pause is only noticed at the next write.
     */
    record Pause(Duration duration) implements ChatStep {
        public Pause {
            duration = nonNegative(duration);
        }
    }

    /**
     * Writes nothing until the test completes {@code cue}: a stream paced by the test rather than by a clock, so
     * that a test never sleeps. Closing the emulator ends the wait.
     */
    record Await(CompletionStage<?> cue) implements ChatStep {
        public Await {
            Objects.requireNonNull(cue, "cue");
        }
    }

    /**
     * Drops the connection at once: the socket is closed without the terminating zero-length chunk, so the
     * client sees a truncated chunked body. Later steps, {@code complete} and later prompts are not sent.
     */
    record Cut() implements ChatStep {
    }

    /**
     * The emulator's own answer for the prompt (the same one an unscripted prompt gets): validation errors
     * as an {@code error} event, else the word-by-word answer, a {@code usage} event and the final
     * {@code "\n"}. The {@code complete} event still comes from the script.
     */
    record DefaultAnswer() implements ChatStep {
    }

    /** A content chunk written without delay. */
    static ChatStep content(String text) {
        return new Content(text, Duration.ZERO);
    }

    /** A content chunk written after {@code delay}. */
    static ChatStep content(String text, Duration delay) {
        return new Content(text, delay);
    }

    /** The {@code "\n"} content chunk OpenAI-compatible vendors end a successful stream with. */
    static ChatStep newline() {
        return content("\n");
    }

    /** A usage event with total = input + output. */
    static ChatStep usage(int inputTokens, int outputTokens) {
        return new Usage(TokenUsage.of(inputTokens, outputTokens));
    }

    /** An error event with content {@code "Error: " + detail}, the way Fabric words stream errors. */
    static ChatStep error(String detail) {
        return new Error("Error: " + detail);
    }

    /** The truncated event line <code>data: &#123;"type":"content",</code> followed by the blank line. */
    static ChatStep malformedEvent() {
        return new Raw("data: {\"type\":\"content\",\n\n");
    }

    /** One content chunk of exactly {@code chars} ASCII characters (words separated by spaces). */
    static ChatStep hugeContent(int chars) {
        String words = "lorem ipsum dolor sit amet consectetur adipiscing elit ";
        StringBuilder sb = new StringBuilder(chars);
        while (sb.length() < chars) {
            sb.append(words, 0, Math.min(words.length(), chars - sb.length()));
        }
        return content(sb.toString());
    }

    private static Duration nonNegative(Duration d) {
        Duration value = Objects.requireNonNullElse(d, Duration.ZERO);
        if (value.isNegative()) {
            throw new IllegalArgumentException("negative duration " + value);
        }
        return value;
    }
}
