package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.streaming.ChunkRelay;
import dev.fabricmcp.core.testing.DemandProbe;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * fabric_run_pattern with stream: true, seen by the tests' MCP client over fabric-mcp's stdio transport. Fabric is
 * the emulator; a script that waits for a test's cue ({@link ChatScript.Builder#await}) lets each test say when
 * Fabric writes its next chunk.
 */
class RunPatternStreamingTest {

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder().build().start();
    private final DemandProbe demand = new DemandProbe();
    @AutoClose
    private final McpHarness mcp = McpHarness.start(demand.watching(client()));

    private FabricClient client() {
        return FabricClient.builder().baseUri(fabric.uri()).build();
    }

    private static Map<String, Object> streaming(String pattern, String input) {
        return Map.of("pattern_name", pattern, "input_text", input, "stream", true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chunkOf(McpSchema.ProgressNotification progress) {
        return (Map<String, Object>) progress.meta().get(ChunkRelay.CHUNK_META_KEY);
    }

    @Nested
    class WithAProgressToken {

        @Test
        void relaysEachChunkAsProgressBeforeTheStreamEnds() {
            CompletableFuture<Void> second = new CompletableFuture<>();
            CompletableFuture<Void> end = new CompletableFuture<>();
            fabric.script("summarize", ChatScript.builder().content("Hel").await(second).content("lo").await(end)
                    .build());
            CompletableFuture<McpSchema.CallToolResult> result = mcp.session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "a long text"), "run-1").toFuture();

            McpSchema.ProgressNotification first = mcp.session().nextProgress();
            // The first chunk reached the client while Fabric's stream is still open and the call unanswered.
            assertEquals("Hel", first.message());
            assertEquals("run-1", first.progressToken());
            assertFalse(result.isDone());

            second.complete(null);
            McpSchema.ProgressNotification next = mcp.session().nextProgress();
            assertEquals("lo", next.message());
            assertTrue(next.progress() > first.progress(), "progress must increase strictly");
            assertFalse(result.isDone());

            end.complete(null);
            McpSchema.CallToolResult done = result.join();
            assertFalse(done.isError());
            assertEquals("Hello", Texts.of(done));
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) done.structuredContent();
            assertEquals("Hello", structured.get("output_text"));
            assertEquals("markdown", structured.get("output_format"));
        }

        @Test
        void carriesTheChunkAsFabricSentItInMeta() {
            // Fabric names each chunk's format on its own: the second chunk alone does not look like a diagram.
            fabric.script("summarize", ChatScript.builder().contents("graph TD\n", "A-->B").build());
            CompletableFuture<McpSchema.CallToolResult> result = mcp.session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), 7).toFuture();
            assertEquals(Map.of("type", "content", "format", "mermaid", "content", "graph TD\n"),
                    chunkOf(mcp.session().nextProgress()));
            assertEquals(Map.of("type", "content", "format", "markdown", "content", "A-->B"),
                    chunkOf(mcp.session().nextProgress()));
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) result.join().structuredContent();
            assertEquals("mermaid", structured.get("output_format"), "the whole answer starts with a mermaid keyword");
        }

        @Test
        void relaysUsageAndReportsItInTheResult() {
            fabric.script("summarize", ChatScript.builder().content("Hi").usage(9, 2).build());
            CompletableFuture<McpSchema.CallToolResult> result = mcp.session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), "u").toFuture();
            mcp.session().nextProgress();
            assertEquals("usage", chunkOf(mcp.session().nextProgress()).get("type"));
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) result.join().structuredContent();
            @SuppressWarnings("unchecked")
            Map<String, Object> tokens = (Map<String, Object>) structured.get("usage");
            assertEquals(11, ((Number) tokens.get("total_tokens")).intValue());
        }

        @Test
        void tellsTheClientItIsWaitingWhileFabricIsSilent() {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            fabric.script("summarize", ChatScript.builder().await(answer).content("answer").build());
            try (McpHarness eager = McpHarness.start(client(), Duration.ofMillis(100))) {
                CompletableFuture<McpSchema.CallToolResult> result = eager.session()
                        .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), "w").toFuture();
                McpSchema.ProgressNotification waiting = eager.session().nextProgress();
                assertTrue(waiting.message().startsWith("waiting for Fabric"), waiting.message());
                answer.complete(null);
                McpSchema.ProgressNotification answered;
                do {
                    answered = eager.session().nextProgress();
                    assertTrue(answered.progress() > waiting.progress());
                } while (answered.message().startsWith("waiting"));
                assertEquals("answer", answered.message());
                assertEquals("answer", Texts.of(result.join()));
            }
        }
    }

    @Test
    void fallsBackToLogMessagesWithoutAProgressToken() {
        CompletableFuture<Void> rest = new CompletableFuture<>();
        fabric.script("summarize", ChatScript.builder().content("Hel").await(rest).content("lo").build());
        CompletableFuture<McpSchema.CallToolResult> result = CompletableFuture.supplyAsync(
                () -> mcp.session().call("fabric_run_pattern", streaming("summarize", "x")));
        McpSchema.LoggingMessageNotification log = mcp.session().nextLog();
        assertEquals(ChunkRelay.LOGGER, log.logger());
        assertEquals(McpSchema.LoggingLevel.INFO, log.level());
        assertEquals("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"Hel\"}", log.data());
        assertFalse(result.isDone());
        rest.complete(null);
        mcp.session().nextLog();
        assertEquals("Hello", Texts.of(result.join()));
    }

    @Test
    void sendsNoChunkNotificationsWhenNotStreaming() throws Exception {
        fabric.script("summarize", ChatScript.builder().contents("Hello", " world").build());
        CompletableFuture<McpSchema.CallToolResult> result = mcp.session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", "summarize", "input_text", "x"), "quiet").toFuture();
        assertEquals("Hello world", Texts.of(result.get(5, TimeUnit.SECONDS)));
        assertTrue(mcp.session().arrivals().isEmpty(), "no notification for stream: false, got "
                + mcp.session().arrivals());
    }

    @Test
    void readsFromFabricOnlyAsFastAsItRelays() throws Exception {
        CompletableFuture<Void> write = new CompletableFuture<>();
        ChatScript.Builder script = ChatScript.builder().await(write);
        for (int i = 0; i < 200; i++) {
            script.content("c" + i + " ");
        }
        fabric.script("summarize", script.build());
        CompletableFuture<McpSchema.CallToolResult> result = mcp.session()
                .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), "bp").toFuture();
        demand.subscribed().get(10, TimeUnit.SECONDS);
        // Nothing has been relayed yet, so the relay has asked for no more than its window.
        assertTrue(demand.requested() <= 64, "requested " + demand.requested());
        write.complete(null);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add(mcp.session().nextProgress().message());
        }
        assertEquals(200, texts.size());
        assertEquals("c0 ", texts.get(0));
        assertEquals("c199 ", texts.get(199));
        assertTrue(Texts.of(result.join()).endsWith("c199 "));
    }
}
