package dev.fabricmcp.core.tools;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.ScriptedChunks;
import dev.fabricmcp.core.testing.Texts;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Long runs never delay other calls. */
class ConcurrencyTest {

    /** More than the 200 concurrent runs one server must hold. */
    private static final int RUNS = 210;

    @Test
    void listsPatternsWhileTwoHundredStreamsAreOpen() throws Exception {
        FabricClient fabric = mock(FabricClient.class);
        ConcurrentLinkedQueue<ScriptedChunks> streams = new ConcurrentLinkedQueue<>();
        when(fabric.chat(any(ChatRequest.class))).thenAnswer(call -> {
            ScriptedChunks chunks = new ScriptedChunks();
            streams.add(chunks);
            return chunks;
        });
        when(fabric.listPatternNamesAsync()).thenReturn(completedFuture(List.of("summarize")));
        try (McpHarness mcp = McpHarness.start(fabric)) {
            List<CompletableFuture<McpSchema.CallToolResult>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(mcp.session().callWithProgress("fabric_run_pattern",
                        Map.of("pattern_name", "summarize", "input_text", "run " + i, "stream", true), "t" + i)
                        .toFuture());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (streams.size() < RUNS && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the runs reach Fabric on other threads
            }
            assertEquals(RUNS, streams.size(), "every run reached Fabric");
            for (ScriptedChunks stream : streams) {
                stream.subscribed().get(5, TimeUnit.SECONDS);
            }

            McpSchema.CallToolResult patterns = mcp.session().call("fabric_list_patterns", Map.of());

            assertEquals(Map.of("patterns", List.of("summarize")), patterns.structuredContent());
            runs.forEach(run -> assertFalse(run.isDone()));
            int i = 0;
            for (ScriptedChunks stream : streams) {
                stream.content("answer " + i++);
                stream.complete();
            }
            for (CompletableFuture<McpSchema.CallToolResult> run : runs) {
                assertEquals(Boolean.FALSE, run.get(10, TimeUnit.SECONDS).isError(), Texts.of(run.get()));
            }
        }
    }
}
