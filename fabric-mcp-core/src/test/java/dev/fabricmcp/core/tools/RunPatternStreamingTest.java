package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.client.FabricChunk;
import dev.fabricmcp.core.streaming.ChunkRelay;
import dev.fabricmcp.core.testing.ScriptedFabric;
import dev.fabricmcp.core.testing.Texts;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** fabric_run_pattern with stream: true, seen by the SDK's own client over the SDK's stdio transport. */
class RunPatternStreamingTest {

    @RegisterExtension
    final ScriptedFabric fabric = new ScriptedFabric(Duration.ofMillis(100));

    private static Map<String, Object> streaming(String pattern, String input) {
        return Map.of("pattern_name", pattern, "input_text", input, "stream", true);
    }

    @Nested
    class WithAProgressToken {

        @Test
        void relaysEachChunkAsProgressBeforeTheStreamEnds() {
            CompletableFuture<McpSchema.CallToolResult> result = fabric.mcp().session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "a long text"), "run-1").toFuture();

            fabric.chunks().content("Hel");
            McpSchema.ProgressNotification first = fabric.mcp().session().nextProgress();
            // The first chunk reached the client while Fabric's stream is still open and the call unanswered.
            assertEquals("Hel", first.message());
            assertEquals("run-1", first.progressToken());
            assertFalse(result.isDone());

            fabric.chunks().content("lo");
            McpSchema.ProgressNotification second = fabric.mcp().session().nextProgress();
            assertEquals("lo", second.message());
            assertTrue(second.progress() > first.progress(), "progress must increase strictly");
            assertFalse(result.isDone());

            fabric.chunks().complete();
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
            CompletableFuture<McpSchema.CallToolResult> result = fabric.mcp().session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), 7).toFuture();
            fabric.chunks().content("graph TD\nA-->B");
            McpSchema.ProgressNotification progress = fabric.mcp().session().nextProgress();
            assertEquals(Map.of("type", "content", "format", "markdown", "content", "graph TD\nA-->B"),
                    progress.meta().get(ChunkRelay.CHUNK_META_KEY));
            fabric.chunks().complete();
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) result.join().structuredContent();
            assertEquals("mermaid", structured.get("output_format"), "the whole answer starts with a mermaid keyword");
        }

        @Test
        void relaysUsageAndReportsItInTheResult() {
            CompletableFuture<McpSchema.CallToolResult> result = fabric.mcp().session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), "u").toFuture();
            fabric.chunks().content("Hi");
            fabric.chunks().push(new FabricChunk(FabricChunk.Type.USAGE, "", "", new FabricChunk.Usage(9, 2, 11)));
            fabric.chunks().complete();
            fabric.mcp().session().nextProgress();
            McpSchema.ProgressNotification usage = fabric.mcp().session().nextProgress();
            @SuppressWarnings("unchecked")
            Map<String, Object> chunk = (Map<String, Object>) usage.meta().get(ChunkRelay.CHUNK_META_KEY);
            assertEquals("usage", chunk.get("type"));
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) result.join().structuredContent();
            @SuppressWarnings("unchecked")
            Map<String, Object> tokens = (Map<String, Object>) structured.get("usage");
            assertEquals(11, ((Number) tokens.get("total_tokens")).intValue());
        }

        @Test
        void tellsTheClientItIsWaitingWhileFabricIsSilent() {
            CompletableFuture<McpSchema.CallToolResult> result = fabric.mcp().session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), "w").toFuture();
            McpSchema.ProgressNotification waiting = fabric.mcp().session().nextProgress();
            assertTrue(waiting.message().startsWith("waiting for Fabric"), waiting.message());
            fabric.chunks().content("answer");
            McpSchema.ProgressNotification answer;
            do {
                answer = fabric.mcp().session().nextProgress();
                assertTrue(answer.progress() > waiting.progress());
            } while (answer.message().startsWith("waiting"));
            assertEquals("answer", answer.message());
            fabric.chunks().complete();
            assertEquals("answer", Texts.of(result.join()));
        }
    }

    @Test
    void fallsBackToLogMessagesWithoutAProgressToken() {
        CompletableFuture<McpSchema.CallToolResult> result = CompletableFuture.supplyAsync(
                () -> fabric.mcp().session().call("fabric_run_pattern", streaming("summarize", "x")));
        fabric.chunks().content("Hel");
        McpSchema.LoggingMessageNotification log = fabric.mcp().session().nextLog();
        assertEquals(ChunkRelay.LOGGER, log.logger());
        assertEquals(McpSchema.LoggingLevel.INFO, log.level());
        assertEquals("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"Hel\"}", log.data());
        assertFalse(result.isDone());
        fabric.chunks().content("lo");
        fabric.mcp().session().nextLog();
        fabric.chunks().complete();
        assertEquals("Hello", Texts.of(result.join()));
    }

    @Test
    void sendsNoChunkNotificationsWhenNotStreaming() throws Exception {
        CompletableFuture<McpSchema.CallToolResult> result = fabric.mcp().session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", "summarize", "input_text", "x"), "quiet").toFuture();
        fabric.chunks().content("Hello");
        fabric.chunks().content(" world");
        fabric.chunks().complete();
        assertEquals("Hello world", Texts.of(result.get(5, TimeUnit.SECONDS)));
        assertTrue(fabric.mcp().session().arrivals().isEmpty(), "no notification for stream: false, got " + fabric.mcp().session().arrivals());
    }

    @Test
    void readsFromFabricOnlyAsFastAsItRelays() {
        CompletableFuture<McpSchema.CallToolResult> result = fabric.mcp().session()
                .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), "bp").toFuture();
        fabric.chunks().subscribed().join();
        // Nothing has been relayed yet, so the relay has asked for no more than its window.
        assertTrue(fabric.chunks().requested() <= 64, "requested " + fabric.chunks().requested());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fabric.chunks().content("c" + i + " ");
        }
        for (int i = 0; i < 200; i++) {
            texts.add(fabric.mcp().session().nextProgress().message());
        }
        fabric.chunks().complete();
        assertEquals(200, texts.size());
        assertEquals("c0 ", texts.get(0));
        assertEquals("c199 ", texts.get(199));
        assertTrue(Texts.of(result.join()).endsWith("c199 "));
    }
}
