package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Patterns as prompts, Fabric's content as resources, and name completion, through the real process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromptsAndResourcesIT {

    @AutoClose
    private final FabricEmulator fabric = ContentFabric.start();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void offersEachPatternAsAPromptThatFabricApplies(Transport transport) throws Exception {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            List<McpSchema.Prompt> prompts = mcp.session().client().listPrompts().block().prompts();
            assertEquals(26, prompts.size());
            McpSchema.Prompt sql = prompts.stream().filter(p -> p.name().equals("write_sql")).findFirst().orElseThrow();
            assertEquals("You are a database engineer who writes SQL.", sql.description());
            assertEquals(List.of("input", "dialect"), sql.arguments().stream().map(McpSchema.PromptArgument::name)
                    .toList());

            McpSchema.GetPromptResult result = mcp.session().client().getPrompt(new McpSchema.GetPromptRequest(
                    "write_sql", Map.of("input", "top customers by revenue", "dialect", "PostgreSQL"))).block();
            String text = ((McpSchema.TextContent) result.messages().get(0).content()).text();
            assertTrue(text.contains("for the PostgreSQL database"), text);
            assertTrue(text.strip().endsWith("top customers by revenue"), text);
            assertTrue(fabric.awaitRequest(r -> r.path().equals("/patterns/write_sql/apply")
                    && r.bodyText().contains("PostgreSQL"), Duration.ofSeconds(5)) != null);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void saysWhatToDoWhenAPromptCannotBeFilled(Transport transport) {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            McpError missing = assertThrows(McpError.class, () -> mcp.session().client().getPrompt(
                    new McpSchema.GetPromptRequest("translate", Map.of("input", "Hallo"))).block());
            assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, missing.getJsonRpcError().code());
            assertEquals("The pattern 'translate' needs a value for {{lang_code}}: give the prompt argument lang_code"
                    + " (Fabric said: missing required variable: lang_code).", missing.getMessage());

            McpError unknown = assertThrows(McpError.class, () -> mcp.session().client().getPrompt(
                    new McpSchema.GetPromptRequest("summarise", Map.of())).block());
            assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, unknown.getJsonRpcError().code());
            assertEquals("Fabric has no pattern 'summarise'. prompts/list lists the patterns Fabric has.",
                    unknown.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readsFabricsContentAsResources(Transport transport) {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            McpSchema.TextResourceContents pattern = read(mcp, "fabric://patterns/analyze_malware");
            assertEquals("text/markdown", pattern.mimeType());
            assertTrue(pattern.text().contains("ransomware"));
            String index = read(mcp, "fabric://patterns").text();
            assertTrue(index.contains("\"name\": \"summarize\",\n    \"description\": \"You are an expert content"
                    + " summarizer.\",\n    \"uri\": \"fabric://patterns/summarize\""), index);
            assertEquals("I write Java for a living.", read(mcp, "fabric://contexts/about_me").text());
            assertTrue(read(mcp, "fabric://sessions/release_notes").text().contains("Here they are"));
            assertTrue(read(mcp, "fabric://models").text().contains("\"LiteLLM\""));
            assertTrue(read(mcp, "fabric://strategies").text().contains("Chain-of-Thought"));

            for (String uri : List.of("fabric://patterns/no_such", "fabric://contexts/no_such",
                    "fabric://sessions/no_such", "fabric://nothing")) {
                McpError error = assertThrows(McpError.class, () -> mcp.session().client()
                        .readResource(new McpSchema.ReadResourceRequest(uri)).block(), uri);
                assertEquals(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND, error.getJsonRpcError().code(), uri);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void completesPatternContextAndSessionNames(Transport transport) {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            McpSchema.CompleteResult.CompleteCompletion patterns = complete(mcp, "fabric://patterns/{name}", "wri");
            assertEquals(List.of("write_commit_message", "write_essay", "write_product_requirements", "write_sql",
                    "improve_writing"), patterns.values());
            assertEquals(5, patterns.total());
            assertEquals(false, patterns.hasMore());
            assertEquals(List.of("create_quiz", "summarize", "summarize_meeting"),
                    complete(mcp, "fabric://patterns/{name}", "iz").values());
            assertEquals(List.of("about_me"), complete(mcp, "fabric://contexts/{name}", "ab").values());
            assertEquals(List.of("release_notes"), complete(mcp, "fabric://sessions/{name}", "notes").values());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listsAPatternAddedToFabricWithoutARestart(Transport transport) {
        try (FabricEmulator ownFabric = FabricEmulator.builder().build().start();
             Transport.Connection mcp = transport.connect(ownFabric.uri().toString(), Map.of(),
                     List.of("--pattern-refresh", "1s"))) {
            assertEquals(26, mcp.session().client().listPrompts().block().prompts().size());
            ownFabric.putPattern("rate_jokes", "# IDENTITY and PURPOSE\n\nYou rate jokes from 1 to 10.\n");
            // The server reloads every second and tells the client; the client lists the prompts again.
            List<McpSchema.Prompt> changed = mcp.session().nextPromptList(Duration.ofSeconds(10)).notification();
            assertTrue(changed.stream().anyMatch(p -> p.name().equals("rate_jokes")
                    && p.description().equals("You rate jokes from 1 to 10.")), changed.toString());
        }
    }

    private static McpSchema.TextResourceContents read(Transport.Connection mcp, String uri) {
        return (McpSchema.TextResourceContents) mcp.session().client()
                .readResource(new McpSchema.ReadResourceRequest(uri)).block().contents().get(0);
    }

    private static McpSchema.CompleteResult.CompleteCompletion complete(Transport.Connection mcp, String template,
                                                                       String typed) {
        return mcp.session().client().completeCompletion(new McpSchema.CompleteRequest(
                new McpSchema.ResourceReference(template), new McpSchema.CompleteRequest.CompleteArgument("name",
                typed))).block().completion();
    }
}
