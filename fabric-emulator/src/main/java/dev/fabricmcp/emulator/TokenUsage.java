package dev.fabricmcp.emulator;

/**
 * The {@code usage} object of a {@code usage} event:
 * {@code {"input_tokens":N,"output_tokens":N,"total_tokens":N}}.
 */
public record TokenUsage(int inputTokens, int outputTokens, int totalTokens) {

    /** Usage whose total is the sum of input and output, as OpenAI-compatible vendors report it. */
    public static TokenUsage of(int inputTokens, int outputTokens) {
        return new TokenUsage(inputTokens, outputTokens, inputTokens + outputTokens);
    }

    JsonFields toJson() {
        return new JsonFields().field("input_tokens", inputTokens).field("output_tokens", outputTokens)
                .field("total_tokens", totalTokens);
    }
}
