package dev.fabricmcp.core.tools;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.CompletableFuture.failedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.FabricNotFoundException;
import dev.fabricmcp.client.FabricProtocolException;
import dev.fabricmcp.client.FabricUnreachableException;
import dev.fabricmcp.client.ModelCatalog;
import dev.fabricmcp.client.Pattern;
import dev.fabricmcp.client.Strategy;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.Texts;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ConnectException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read-only tools, over MCP: names, schemas, structured results and failures. */
class CatalogToolsTest {

    private final FabricClient fabric = mock(FabricClient.class);
    private McpHarness mcp;

    @BeforeEach
    void start() {
        mcp = McpHarness.start(fabric);
    }

    @AfterEach
    void stop() {
        mcp.close();
    }

    @Test
    void offersTheToolsUsersKnowWithSchemas() {
        List<McpSchema.Tool> tools = mcp.session().client().listTools().block().tools();
        assertEquals(List.of("fabric_list_patterns", "fabric_get_pattern_details", "fabric_run_pattern",
                "fabric_list_models", "fabric_list_strategies", "fabric_get_configuration"),
                tools.stream().map(McpSchema.Tool::name).toList());
        for (McpSchema.Tool tool : tools) {
            assertFalse(tool.description().isBlank(), tool.name());
            assertEquals("object", tool.outputSchema().get("type"), tool.name());
            assertEquals(Boolean.FALSE, tool.inputSchema().get("additionalProperties"), tool.name());
        }
    }

    @Test
    void listsPatterns() {
        when(fabric.listPatternNamesAsync()).thenReturn(completedFuture(List.of("extract_wisdom", "summarize")));
        McpSchema.CallToolResult result = mcp.session().call("fabric_list_patterns", Map.of());
        assertEquals(Map.of("patterns", List.of("extract_wisdom", "summarize")), result.structuredContent());
        assertTrue(Texts.of(result).contains("summarize"));
    }

    @Test
    void showsAPatternWithItsSystemPrompt() {
        when(fabric.getPatternAsync("summarize")).thenReturn(completedFuture(new Pattern("summarize", "", "# IDENTITY\nYou summarize.")));
        McpSchema.CallToolResult result = mcp.session().call("fabric_get_pattern_details", Map.of("pattern_name", "summarize"));
        assertEquals(Map.of("name", "summarize", "description", "", "system_prompt", "# IDENTITY\nYou summarize."),
                result.structuredContent());
    }

    @Test
    void anUnknownPatternPointsToTheList() {
        when(fabric.getPatternAsync("nope")).thenReturn(failedFuture(new FabricNotFoundException(URI.create("http://f/patterns/nope"),
                "pattern 'nope' not found. Run 'fabric -l' to see available patterns")));
        McpSchema.CallToolResult result = mcp.session().call("fabric_get_pattern_details", Map.of("pattern_name", "nope"));
        assertTrue(result.isError());
        assertTrue(Texts.of(result).contains("pattern 'nope' not found"));
        assertTrue(Texts.of(result).contains("fabric_list_patterns"));
    }

    @Test
    void listsModelsByVendor() {
        when(fabric.listModelsAsync()).thenReturn(completedFuture(new ModelCatalog(List.of("fake-model", "llama3:latest"),
                Map.of("LiteLLM", List.of("fake-model"), "Ollama", List.of("llama3:latest")))));
        McpSchema.CallToolResult result = mcp.session().call("fabric_list_models", Map.of());
        assertEquals(Map.of("models", List.of("fake-model", "llama3:latest"),
                "vendors", Map.of("LiteLLM", List.of("fake-model"), "Ollama", List.of("llama3:latest"))),
                result.structuredContent());
    }

    @Test
    void listsStrategies() {
        when(fabric.listStrategiesAsync()).thenReturn(completedFuture(List.of(new Strategy("cot", "Chain-of-Thought", "Think step by step"))));
        McpSchema.CallToolResult result = mcp.session().call("fabric_list_strategies", Map.of());
        assertEquals(Map.of("strategies", List.of(Map.of("name", "cot", "description", "Chain-of-Thought",
                "prompt", "Think step by step"))), result.structuredContent());
    }

    @Test
    void redactsEverySecretOfTheConfiguration() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("anthropic", "");
        config.put("mistral", "plainmistralkeywithnoprefix");
        config.put("openai", "****************************abcd");
        config.put("groq", "gsk_live_key");
        config.put("anthropic_use_oauth_login", "false");
        config.put("ollama", "http://127.0.0.1:11434");
        config.put("lmstudio", "http://user:secret@studio:1234/v1");
        when(fabric.getConfigurationAsync()).thenReturn(completedFuture(config));
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
        when(fabric.listPatternNamesAsync()).thenReturn(failedFuture(new FabricUnreachableException(
                URI.create("http://127.0.0.1:8080/patterns/names"), new ConnectException("Connection refused"))));
        McpSchema.CallToolResult result = mcp.session().call("fabric_list_patterns", Map.of());
        assertTrue(result.isError());
        assertTrue(Texts.of(result).contains("Fabric is not reachable at http://127.0.0.1:8080/patterns/names"));
        assertTrue(Texts.of(result).contains("fabric --serve"));
    }

    @Test
    void anUnexpectedAnswerShapeIsExplained() {
        when(fabric.listModelsAsync()).thenReturn(failedFuture(new FabricProtocolException(URI.create("http://f/models/names"),
                "expected models to be a JSON array, got a number (3)")));
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
