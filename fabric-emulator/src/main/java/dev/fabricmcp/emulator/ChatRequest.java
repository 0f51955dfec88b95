package dev.fabricmcp.emulator;

import java.util.List;

/**
 * A {@code POST /chat} body as Fabric binds it.
 *
 * @param prompts            the prompts, {@code null} when the key is missing or {@code null}
 * @param language           {@code language}
 * @param modelContextLength the top-level {@code modelContextLength}
 * @param options            the chat options
 */
public record ChatRequest(List<PromptRequest> prompts, String language, long modelContextLength,
        ChatOptions options) {
}
