package dev.fabricmcp.emulator;

/**
 * How the emulator understood one prompt of a {@code /chat}: what a real Fabric would have sent to the LLM.
 *
 * @param index         the prompt's position in {@code prompts[]}
 * @param prompt        the prompt as bound
 * @param scripted      whether a {@link ChatScript} answered it
 * @param vendor        the resolved vendor, or {@code null} on error
 * @param model         the resolved model, or {@code null} on error
 * @param systemMessage the system message (strategy, context, pattern with variables and input, language
 *                      instruction), or {@code ""} when there is none
 * @param userMessage   the separate user message ({@code userInput}) when no pattern is used, else {@code ""}
 * @param error         the {@code Error: ...} text streamed instead of an answer, or {@code null}
 */
public record RecordedPrompt(int index, PromptRequest prompt, boolean scripted, String vendor, String model,
        String systemMessage, String userMessage, String error) {
}
