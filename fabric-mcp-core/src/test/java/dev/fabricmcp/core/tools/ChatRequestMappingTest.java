package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabricmcp.client.ChatPrompt;
import dev.fabricmcp.client.ChatRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What fabric_run_pattern's arguments become in Fabric's /chat request. */
class ChatRequestMappingTest {

    private static ChatRequest map(Map<String, Object> arguments) {
        return RunPatternTool.chatRequest(RunPatternTool.DECLARATION.arguments(arguments));
    }

    @Test
    void sendsTheFabricCommandDefaultsAndLeavesModelAndVendorToFabric() {
        ChatRequest request = map(Map.of("pattern_name", " summarize "));
        ChatPrompt prompt = request.prompts().get(0);
        assertEquals("summarize", prompt.patternName());
        assertEquals("", prompt.userInput());
        assertEquals("", prompt.model(), "an empty model lets Fabric use DEFAULT_MODEL");
        assertEquals("", prompt.vendor());
        assertEquals(0.7, request.temperature());
        assertEquals(0.9, request.topP());
        assertEquals(0.0, request.presencePenalty().getAsDouble());
        assertEquals(0.0, request.frequencyPenalty().getAsDouble());
    }

    @Test
    void passesEveryArgumentThrough() {
        Map<String, Object> arguments = new java.util.HashMap<>(Map.of("pattern_name", "translate",
                "input_text", "Hello", "model_name", "llama3", "vendor_name", "Ollama", "temperature", 0.2,
                "top_p", 0.5, "presence_penalty", 1, "frequency_penalty", -1));
        arguments.putAll(Map.of("strategy_name", "cot", "variables", Map.of("lang_code", "fr"), "context_name", "ctx",
                "session_name", "s1"));
        ChatRequest request = map(arguments);
        ChatPrompt prompt = request.prompts().get(0);
        assertEquals("Hello", prompt.userInput());
        assertEquals("llama3", prompt.model());
        assertEquals("Ollama", prompt.vendor());
        assertEquals("cot", prompt.strategyName());
        assertEquals("ctx", prompt.contextName());
        assertEquals("s1", prompt.sessionName());
        assertEquals(Map.of("lang_code", "fr"), prompt.variables());
        assertEquals(0.2, request.temperature());
        assertEquals(0.5, request.topP());
        assertEquals(1.0, request.presencePenalty().getAsDouble());
        assertEquals(-1.0, request.frequencyPenalty().getAsDouble());
    }
}
