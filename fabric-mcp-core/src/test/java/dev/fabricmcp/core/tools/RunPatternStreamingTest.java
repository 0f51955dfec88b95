package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricChunk;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.streaming.ChunkRelay;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.ScriptedChunks;
import dev.fabricmcp.core.testing.Texts;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** fabric_run_pattern with stream: true, seen by the SDK's own client over the SDK's stdio transport. */
class RunPatternStreamingTest {

    private final FabricClient fabric = mock(FabricClient.class);
    private final ScriptedChunks chunks = new ScriptedChunks();
    private McpHarness mcp;

    @BeforeEach
    void start() {
        when(fabric.baseUri()).thenReturn(URI.create("http://127.0.0.1:8080"));
        when(fabric.chat(any(ChatRequest.class))).thenReturn(chunks);
        mcp = McpHarness.start(fabric, Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        mcp.close();
    }

    private static Map<String, Object> streaming(String pattern, String input) {
        return Map.of("pattern_name", pattern, "input_text", input, "stream", true);
    }

    @Nested
    class WithAProgressToken {

        @Test
        void relaysEachChunkAsProgressBeforeTheStreamEnds() {
            CompletableFuture<McpSchema.CallToolResult> result = mcp.session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "a long text"), "run-1").toFuture();

            chunks.content("Hel");
            McpSchema.ProgressNotification first = mcp.session().nextProgress();
            // The first chunk reached the client while Fabric's stream is still open and the call unanswered.
            assertEquals("Hel", first.message());
            assertEquals("run-1", first.progressToken());
            assertFalse(result.isDone());

            chunks.content("lo");
            McpSchema.ProgressNotification second = mcp.session().nextProgress();
            assertEquals("lo", second.message());
            assertTrue(second.progress() > first.progress(), "progress must increase strictly");
            assertFalse(result.isDone());

            chunks.complete();
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
            CompletableFuture<McpSchema.CallToolResult> result = mcp.session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), 7).toFuture();
            chunks.content("graph TD\nA-->B");
            McpSchema.ProgressNotification progress = mcp.session().nextProgress();
            assertEquals(Map.of("type", "content", "format", "markdown", "content", "graph TD\nA-->B"),
                    progress.meta().get(ChunkRelay.CHUNK_META_KEY));
            chunks.complete();
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) result.join().structuredContent();
            assertEquals("mermaid", structured.get("output_format"), "the whole answer starts with a mermaid keyword");
        }

        @Test
        void relaysUsageAndReportsItInTheResult() {
            CompletableFuture<McpSchema.CallToolResult> result = mcp.session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), "u").toFuture();
            chunks.content("Hi");
            chunks.push(new FabricChunk(FabricChunk.Type.USAGE, "", "", new FabricChunk.Usage(9, 2, 11)));
            chunks.complete();
            mcp.session().nextProgress();
            McpSchema.ProgressNotification usage = mcp.session().nextProgress();
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
            CompletableFuture<McpSchema.CallToolResult> result = mcp.session()
                    .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), "w").toFuture();
            McpSchema.ProgressNotification waiting = mcp.session().nextProgress();
            assertTrue(waiting.message().startsWith("waiting for Fabric"), waiting.message());
            chunks.content("answer");
            McpSchema.ProgressNotification answer;
            do {
                answer = mcp.session().nextProgress();
                assertTrue(answer.progress() > waiting.progress());
            } while (answer.message().startsWith("waiting"));
            assertEquals("answer", answer.message());
            chunks.complete();
            assertEquals("answer", Texts.of(result.join()));
        }
    }

    @Test
    void fallsBackToLogMessagesWithoutAProgressToken() {
        CompletableFuture<McpSchema.CallToolResult> result = CompletableFuture.supplyAsync(
                () -> mcp.session().call("fabric_run_pattern", streaming("summarize", "x")));
        chunks.content("Hel");
        McpSchema.LoggingMessageNotification log = mcp.session().nextLog();
        assertEquals(ChunkRelay.LOGGER, log.logger());
        assertEquals(McpSchema.LoggingLevel.INFO, log.level());
        assertEquals("{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"Hel\"}", log.data());
        assertFalse(result.isDone());
        chunks.content("lo");
        mcp.session().nextLog();
        chunks.complete();
        assertEquals("Hello", Texts.of(result.join()));
    }

    @Test
    void sendsNoChunkNotificationsWhenNotStreaming() throws Exception {
        CompletableFuture<McpSchema.CallToolResult> result = mcp.session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", "summarize", "input_text", "x"), "quiet").toFuture();
        chunks.content("Hello");
        chunks.content(" world");
        chunks.complete();
        assertEquals("Hello world", Texts.of(result.get(5, TimeUnit.SECONDS)));
        assertTrue(mcp.session().arrivals().isEmpty(), "no notification for stream: false, got " + mcp.session().arrivals());
    }

    @Test
    void readsFromFabricOnlyAsFastAsItRelays() {
        CompletableFuture<McpSchema.CallToolResult> result = mcp.session()
                .callWithProgress("fabric_run_pattern", streaming("summarize", "x"), "bp").toFuture();
        chunks.subscribed().join();
        // Nothing has been relayed yet, so the relay has asked for no more than its window.
        assertTrue(chunks.requested() <= 64, "requested " + chunks.requested());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            chunks.content("c" + i + " ");
        }
        for (int i = 0; i < 200; i++) {
            texts.add(mcp.session().nextProgress().message());
        }
        chunks.complete();
        assertEquals(200, texts.size());
        assertEquals("c0 ", texts.get(0));
        assertEquals("c199 ", texts.get(199));
        assertTrue(Texts.of(result.join()).endsWith("c199 "));
    }
}
