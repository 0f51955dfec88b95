package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.Texts;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Long runs never delay other calls. */
class ConcurrencyTest {

    /** More than the 200 concurrent runs one server must hold. */
    private static final int RUNS = 210;

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder()
            .patterns(Map.of("summarize", "# IDENTITY\nYou summarize."))
            .build().start();

    @Test
    void listsPatternsWhileTwoHundredStreamsAreOpen() throws Exception {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        fabric.script("summarize", ChatScript.builder().await(answer).content("answer").build());
        try (McpHarness mcp = McpHarness.start(FabricClient.builder().baseUri(fabric.uri()).build())) {
            List<CompletableFuture<McpSchema.CallToolResult>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(mcp.session().callWithProgress("fabric_run_pattern",
                        Map.of("pattern_name", "summarize", "input_text", "run " + i, "stream", true), "t" + i)
                        .toFuture());
            }
            for (int i = 0; i < RUNS; i++) { // every run reached Fabric, which holds them all open
                String input = "run " + i;
                fabric.awaitChat(chat -> chat.parsedRequest()
                        .map(request -> request.prompts().get(0).userInput().equals(input)).orElse(false),
                        Duration.ofSeconds(10));
            }

            McpSchema.CallToolResult patterns = mcp.session().call("fabric_list_patterns", Map.of());

            assertEquals(Map.of("patterns", List.of("summarize")), patterns.structuredContent());
            runs.forEach(run -> assertFalse(run.isDone()));
            answer.complete(null);
            for (CompletableFuture<McpSchema.CallToolResult> run : runs) {
                assertEquals(Boolean.FALSE, run.get(10, TimeUnit.SECONDS).isError(), Texts.of(run.get()));
            }
        }
    }
}
