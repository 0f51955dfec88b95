package dev.fabricmcp.emulator;

import java.util.Map;

/**
 * One item of {@code prompts[]} in a {@code POST /chat} body, as Fabric binds it (absent or {@code null}
 * fields are {@code ""}).
 *
 * @param variables the {@code variables} object, or {@code null} when absent
 */
public record PromptRequest(String userInput, String vendor, String model, String contextName,
        String patternName, String strategyName, String sessionName, Map<String, String> variables) {
}
