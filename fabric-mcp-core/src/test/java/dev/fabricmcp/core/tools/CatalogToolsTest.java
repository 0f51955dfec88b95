package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.Texts;
import dev.fabricmcp.core.testing.ToolNames;
import dev.fabricmcp.emulator.Answer;
import dev.fabricmcp.emulator.FabricEmulator;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The read-only tools, over MCP: names, schemas, structured results and failures. */
class CatalogToolsTest {

    private final FabricEmulator fabric = FabricEmulator.builder()
            .patterns(Map.of("extract_wisdom", "# IDENTITY\nYou extract.", "summarize", "# IDENTITY\nYou summarize."))
            .build().start();
    @AutoClose
    private final McpHarness mcp = McpHarness.over(fabric);

    @Test
    void offersTheToolsUsersKnowWithSchemas() {
        List<McpSchema.Tool> tools = mcp.session().client().listTools().block().tools();
        assertEquals(ToolNames.ALL, tools.stream().map(McpSchema.Tool::name).toList());
        for (McpSchema.Tool tool : tools) {
            assertFalse(tool.description().isBlank(), tool.name());
            assertEquals("object", tool.outputSchema().get("type"), tool.name());
            assertEquals(Boolean.FALSE, tool.inputSchema().get("additionalProperties"), tool.name());
        }
    }

    @Test
    void listsPatterns() {
        McpSchema.CallToolResult result = mcp.session().call("fabric_list_patterns", Map.of());
        assertEquals(Map.of("patterns", List.of("extract_wisdom", "summarize")), result.structuredContent());
        assertTrue(Texts.of(result).contains("summarize"));
    }

    @Test
    void showsAPatternWithItsSystemPrompt() {
        McpSchema.CallToolResult result = mcp.session().call("fabric_get_pattern_details", Map.of("pattern_name", "summarize"));
        assertEquals(Map.of("name", "summarize", "description", "", "system_prompt", "# IDENTITY\nYou summarize."),
                result.structuredContent());
    }

    @Test
    void anUnknownPatternPointsToTheList() {
        McpSchema.CallToolResult result = mcp.session().call("fabric_get_pattern_details", Map.of("pattern_name", "nope"));
        assertTrue(result.isError());
        assertTrue(Texts.of(result).contains("pattern 'nope' not found"));
        assertTrue(Texts.of(result).contains("fabric_list_patterns"));
    }

    @Test
    void listsModelsByVendor() {
        fabric.answer("GET", "/models/names", Answer.json("{\"models\":[\"fake-model\",\"llama3:latest\"],"
                + "\"vendors\":{\"LiteLLM\":[\"fake-model\"],\"Ollama\":[\"llama3:latest\"]}}"));
        McpSchema.CallToolResult result = mcp.session().call("fabric_list_models", Map.of());
        assertEquals(Map.of("models", List.of("fake-model", "llama3:latest"),
                "vendors", Map.of("LiteLLM", List.of("fake-model"), "Ollama", List.of("llama3:latest"))),
                result.structuredContent());
    }

    @Test
    void listsStrategies() {
        fabric.answer("GET", "/strategies", Answer.json(
                "[{\"name\":\"cot\",\"description\":\"Chain-of-Thought\",\"prompt\":\"Think step by step\"}]"));
        McpSchema.CallToolResult result = mcp.session().call("fabric_list_strategies", Map.of());
        assertEquals(Map.of("strategies", List.of(Map.of("name", "cot", "description", "Chain-of-Thought",
                "prompt", "Think step by step"))), result.structuredContent());
    }

    @Test
    void redactsEverySecretOfTheConfiguration() {
        fabric.answer("GET", "/config", Answer.json("{\"anthropic\":\"\",\"mistral\":\"plainmistralkeywithnoprefix\","
                + "\"openai\":\"****************************abcd\",\"groq\":\"gsk_live_key\","
                + "\"anthropic_use_oauth_login\":\"false\",\"ollama\":\"http://127.0.0.1:11434\","
                + "\"lmstudio\":\"http://user:secret@studio:1234/v1\"}"));
        McpSchema.CallToolResult result = mcp.session().call("fabric_get_configuration", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> redacted = (Map<String, Object>) result.structuredContent();
        assertEquals("", redacted.get("anthropic"));
        assertEquals("[REDACTED_BY_MCP_SERVER]", redacted.get("mistral"));
        assertEquals("[REDACTED_BY_MCP_SERVER]", redacted.get("openai"));
        assertEquals("[REDACTED_BY_MCP_SERVER]", redacted.get("groq"));
        assertEquals("false", redacted.get("anthropic_use_oauth_login"));
        assertEquals("http://127.0.0.1:11434", redacted.get("ollama"));
        assertEquals("http://studio:1234/v1", redacted.get("lmstudio"));
        assertFalse(Texts.of(result).contains("plainmistralkey"));
        assertFalse(Texts.of(result).contains("secret"));
    }

    @Test
    void anUnreachableFabricIsAnErrorResultNotACrash() {
        URI gone = fabric.uri();
        fabric.close(); // nothing listens there any more
        McpSchema.CallToolResult result = mcp.session().call("fabric_list_patterns", Map.of());
        assertTrue(result.isError());
        assertTrue(Texts.of(result).contains("Fabric is not reachable at " + gone + "/patterns/names"),
                Texts.of(result));
        assertTrue(Texts.of(result).contains("fabric --serve"));
    }

    @Test
    void anUnexpectedAnswerShapeIsExplained() {
        fabric.answer("GET", "/models/names", Answer.json("{\"models\":3,\"vendors\":{}}"));
        McpSchema.CallToolResult result = mcp.session().call("fabric_list_models", Map.of());
        assertTrue(result.isError());
        assertTrue(Texts.of(result).contains("expected models to be a JSON array"));
    }

    @Test
    void refusesArgumentsToToolsThatTakeNone() {
        McpSchema.CallToolResult result = mcp.session().call("fabric_list_patterns", Map.of("filter", "sum"));
        assertTrue(result.isError());
        assertEquals("Unknown argument 'filter' for fabric_list_patterns. It accepts: no arguments.",
                Texts.of(result));
    }
}
