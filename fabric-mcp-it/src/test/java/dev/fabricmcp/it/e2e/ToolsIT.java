package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.fabricmcp.core.testing.ToolNames;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedChat;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every tool through the real fabric-mcp process, over both transports, checked field by field. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolsIT {

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder().wordDelay(Duration.ofMillis(1)).build().start();

    private Transport.Connection connect(Transport transport) {
        return transport.connect(fabric.uri().toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        assertFalse(Boolean.TRUE.equals(result.isError()), () -> Texts.of(result));
        return (Map<String, Object>) result.structuredContent();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listsTheToolsWithTheirSchemas(Transport transport) {
        try (Transport.Connection mcp = connect(transport)) {
            List<McpSchema.Tool> tools = mcp.session().client().listTools().block().tools();
            assertEquals(ToolNames.ALL, tools.stream().map(McpSchema.Tool::name).toList());
            McpSchema.Tool run = tools.get(3);
            assertEquals(List.of("pattern_name"), run.inputSchema().get("required"));
            assertTrue(((Map<?, ?>) run.inputSchema().get("properties")).containsKey("session_name"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void answersEveryReadOnlyToolFromFabric(Transport transport) {
        try (Transport.Connection mcp = connect(transport)) {
            List<?> patterns = (List<?>) structured(mcp.session().call("fabric_list_patterns", Map.of()))
                    .get("patterns");
            assertEquals(26, patterns.size());
            assertTrue(patterns.containsAll(List.of("create_mermaid", "extract_wisdom", "summarize", "translate")));

            Map<String, Object> translate = structured(mcp.session().call("fabric_get_pattern_details",
                    Map.of("pattern_name", "translate")));
            assertEquals("translate", translate.get("name"));
            assertEquals("", translate.get("description"));
            assertTrue(((String) translate.get("system_prompt")).contains("{{lang_code}}"));

            Map<String, Object> models = structured(mcp.session().call("fabric_list_models", Map.of()));
            assertEquals(Map.of("LiteLLM", List.of("fake-model", "other-model"), "Ollama", List.of("llama3:latest")),
                    models.get("vendors"));
            assertTrue(((List<?>) models.get("models")).containsAll(List.of("fake-model", "llama3:latest")));

            Map<String, Object> strategies = structured(mcp.session().call("fabric_list_strategies", Map.of()));
            List<?> names = ((List<?>) strategies.get("strategies")).stream().map(s -> ((Map<?, ?>) s).get("name"))
                    .toList();
            assertTrue(names.containsAll(List.of("cot", "tot", "standard")), names.toString());

            Map<String, Object> config = structured(mcp.session().call("fabric_get_configuration", Map.of()));
            assertEquals("[REDACTED_BY_MCP_SERVER]", config.get("openai"));
            assertEquals("", config.get("anthropic"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void runsAPatternWithTheFabricCommandDefaults(Transport transport) throws Exception {
        try (Transport.Connection mcp = connect(transport)) {
            var chat = fabric.nextChat();
            McpSchema.CallToolResult result = mcp.session().call("fabric_run_pattern",
                    Map.of("pattern_name", "translate", "input_text", "Hello world",
                            "variables", Map.of("lang_code", "fr")));
            RecordedChat sent = chat.get(10, java.util.concurrent.TimeUnit.SECONDS);

            Map<String, Object> output = structured(result);
            assertEquals(sent.contentText(), output.get("output_text"), "the whole answer, as Fabric streamed it");
            assertEquals(sent.contentText(), Texts.of(result));
            assertEquals("markdown", output.get("output_format"));
            assertTrue(output.containsKey("usage"));

            JsonObject body = sent.requestJson().orElseThrow().getAsJsonObject();
            JsonObject prompt = body.getAsJsonArray("prompts").get(0).getAsJsonObject();
            assertEquals("translate", prompt.get("patternName").getAsString());
            assertEquals("Hello world", prompt.get("userInput").getAsString());
            assertEquals("", prompt.get("model").getAsString(), "Fabric chooses its default model");
            assertEquals("fr", prompt.getAsJsonObject("variables").get("lang_code").getAsString());
            assertEquals(0.7, body.get("temperature").getAsDouble());
            assertEquals(0.9, body.get("topP").getAsDouble());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reportsAMermaidAnswerAsMermaid(Transport transport) {
        try (Transport.Connection mcp = connect(transport)) {
            Map<String, Object> output = structured(mcp.session().call("fabric_run_pattern",
                    Map.of("pattern_name", "create_mermaid", "input_text", "a flow")));
            assertEquals("mermaid", output.get("output_format"));
            assertTrue(((String) output.get("output_text")).startsWith("graph TD"));
        }
    }
}
