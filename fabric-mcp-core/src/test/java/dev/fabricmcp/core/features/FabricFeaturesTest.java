package dev.fabricmcp.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.emulator.FabricEmulator;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prompts, resources and completion over the emulator's patterns, through the SDK's client (legacy era, stdio). */
class FabricFeaturesTest {

    private FabricEmulator fabric;
    private McpHarness mcp;

    @BeforeEach
    void start() {
        fabric = FabricEmulator.builder().build().start()
                .putContext("about_me", "I write Java.")
                .putSession("project", "[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello\"}]");
        mcp = McpHarness.start(FabricClient.builder().baseUri(fabric.uri()).build());
    }

    @AfterEach
    void stop() {
        mcp.close();
        fabric.close();
    }

    @Test
    void offersEveryPatternAsAPromptWithItsVariablesAsArguments() {
        List<McpSchema.Prompt> prompts = mcp.session().client().listPrompts().block().prompts();
        assertEquals(26, prompts.size());
        McpSchema.Prompt translate = prompts.stream().filter(p -> p.name().equals("translate")).findFirst().orElseThrow();
        assertTrue(translate.description().startsWith("You are an expert translator"), translate.description());
        assertEquals(List.of("input", "lang_code"), translate.arguments().stream().map(McpSchema.PromptArgument::name)
                .toList());
        assertTrue(translate.arguments().stream().noneMatch(a -> Boolean.TRUE.equals(a.required())));
    }

    @Test
    void getsAPromptAppliedByFabricsApplyRoute() {
        McpSchema.GetPromptResult result = mcp.session().client().getPrompt(new McpSchema.GetPromptRequest("translate",
                Map.of("input", "Good morning", "lang_code", "fr"))).block();
        String text = ((McpSchema.TextContent) result.messages().get(0).content()).text();
        assertEquals(McpSchema.Role.USER, result.messages().get(0).role());
        assertTrue(text.contains("language code fr"), text);
        assertTrue(text.endsWith("Good morning\n") || text.endsWith("Good morning"), text);
        assertTrue(fabric.requests().stream().anyMatch(r -> r.method().equals("POST")
                && r.path().equals("/patterns/translate/apply")), "Fabric's apply route was used");
    }

    @Test
    void namesTheVariableFabricCannotFill() {
        McpError error = assertThrows(McpError.class, () -> mcp.session().client().getPrompt(
                new McpSchema.GetPromptRequest("translate", Map.of("input", "Hi"))).block());
        assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, error.getJsonRpcError().code());
        assertTrue(error.getMessage().contains("give the prompt argument lang_code"), error.getMessage());
    }

    @Test
    void refusesAnUnknownPatternOrArgument() {
        McpError unknown = assertThrows(McpError.class, () -> mcp.session().client().getPrompt(
                new McpSchema.GetPromptRequest("no_such_pattern", Map.of())).block());
        assertTrue(unknown.getMessage().contains("Fabric has no pattern 'no_such_pattern'"), unknown.getMessage());
        McpError argument = assertThrows(McpError.class, () -> mcp.session().client().getPrompt(
                new McpSchema.GetPromptRequest("summarize", Map.of("lang", "fr"))).block());
        assertTrue(argument.getMessage().contains("has no argument lang. It takes: input."), argument.getMessage());
    }

    @Test
    void readsPatternsContextsSessionsModelsAndStrategiesAsResources() {
        // The SDK's legacy server lists resources in no particular order.
        assertEquals(Set.of("fabric://patterns", "fabric://models", "fabric://strategies"),
                mcp.session().client().listResources().block().resources().stream().map(McpSchema.Resource::uri)
                        .collect(Collectors.toSet()));
        assertEquals(Set.of("fabric://patterns/{name}", "fabric://contexts/{name}", "fabric://sessions/{name}"),
                mcp.session().client().listResourceTemplates().block().resourceTemplates().stream()
                        .map(McpSchema.ResourceTemplate::uriTemplate).collect(Collectors.toSet()));
        McpSchema.TextResourceContents pattern = read("fabric://patterns/summarize");
        assertEquals("text/markdown", pattern.mimeType());
        assertTrue(pattern.text().startsWith("# IDENTITY and PURPOSE"));
        assertTrue(read("fabric://patterns").text().contains(
                "\"description\": \"You are a malware analyst and reverse engineer.\""));
        assertEquals("I write Java.", read("fabric://contexts/about_me").text());
        assertTrue(read("fabric://sessions/project").text().contains("\"content\": \"Hello\""));
        assertTrue(read("fabric://models").text().contains("fake-model"));
        assertTrue(read("fabric://strategies").text().contains("\"name\": \"cot\""));
    }

    @Test
    void answersAnUnknownNameWithResourceNotFound() {
        for (String uri : List.of("fabric://patterns/nope", "fabric://contexts/nope", "fabric://sessions/nope",
                "fabric://elsewhere")) {
            McpError error = assertThrows(McpError.class,
                    () -> mcp.session().client().readResource(new McpSchema.ReadResourceRequest(uri)).block(), uri);
            assertEquals(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND, error.getJsonRpcError().code(), uri);
        }
    }

    @Test
    void completesNamesByPrefixThenSubstring() {
        assertEquals(List.of("summarize", "summarize_meeting"), complete("fabric://patterns/{name}", "sum").values());
        assertEquals(List.of("analyze_claims", "analyze_contract", "analyze_incident", "analyze_logs",
                "analyze_malware", "analyze_paper"), complete("fabric://patterns/{name}", "analy").values());
        assertEquals(List.of("create_threat_model"), complete("fabric://patterns/{name}", "_MODEL").values());
        assertEquals(List.of("about_me"), complete("fabric://contexts/{name}", "me").values());
        assertEquals(List.of("project"), complete("fabric://sessions/{name}", "PRO").values());
        McpSchema.CompleteResult prompt = mcp.session().client().completeCompletion(new McpSchema.CompleteRequest(
                new McpSchema.PromptReference("test_prompt_with_arguments"),
                new McpSchema.CompleteRequest.CompleteArgument("arg1", "test"))).block();
        assertEquals(List.of(), prompt.completion().values());
    }

    @Test
    void showsAPatternAddedToFabricAndTellsTheClient() {
        assertTrue(mcp.session().client().listPrompts().block().prompts().stream().noneMatch(p -> p.name().equals("fresh")));
        fabric.putPattern("fresh", "# IDENTITY and PURPOSE\n\nYou check {{thing}} freshly.\n");
        mcp.fabricMcp().features().library().reload();
        McpSchema.Prompt fresh = mcp.session().client().listPrompts().block().prompts().stream()
                .filter(p -> p.name().equals("fresh")).findFirst().orElseThrow();
        assertEquals("You check {{thing}} freshly.", fresh.description());
    }

    private McpSchema.TextResourceContents read(String uri) {
        return (McpSchema.TextResourceContents) mcp.session().client().readResource(new McpSchema.ReadResourceRequest(uri))
                .block(Duration.ofSeconds(10)).contents().get(0);
    }

    private McpSchema.CompleteResult.CompleteCompletion complete(String template, String typed) {
        return mcp.session().client().completeCompletion(new McpSchema.CompleteRequest(new McpSchema.ResourceReference(template),
                new McpSchema.CompleteRequest.CompleteArgument("name", typed))).block().completion();
    }
}
