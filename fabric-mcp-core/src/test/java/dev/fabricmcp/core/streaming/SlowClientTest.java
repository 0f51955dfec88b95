package dev.fabricmcp.core.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.testing.GatedOutputStream;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.ScriptedChunks;
import dev.fabricmcp.core.testing.Texts;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading stdout stops the read from Fabric: memory stays bounded whatever the answer. Fabric's
 * chunks arrive on a thread of their own, as the HTTP client's are: the relay writes each chunk from the thread
 * that delivered it, so that thread is the one a slow client holds.
 */
class SlowClientTest {

    private static final int CHUNKS = 2_000;

    /** Fabric's side: the thread that delivers chunks, as the HTTP client's worker does. */
    private final ExecutorService fabricThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopFabric() {
        fabricThread.shutdownNow();
    }

    @Test
    void readsFromFabricNoFasterThanTheClientReads() throws Exception {
        FabricClient fabric = mock(FabricClient.class);
        ScriptedChunks chunks = new ScriptedChunks();
        when(fabric.chat(any(ChatRequest.class))).thenReturn(chunks);
        AtomicReference<GatedOutputStream> stdout = new AtomicReference<>();
        try (McpHarness mcp = McpHarness.start(fabric, Duration.ofSeconds(10), out -> {
            stdout.set(new GatedOutputStream(out));
            return stdout.get();
        })) {
            stdout.get().shut(); // the client stops reading
            CompletableFuture<McpSchema.CallToolResult> result = mcp.session().callWithProgress("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "x", "stream", true), "slow").toFuture();
            for (int i = 0; i < CHUNKS; i++) {
                String text = i + " ";
                fabricThread.execute(() -> chunks.content(text));
            }
            assertTrue(stdout.get().awaitBlockedWriter(10), "the server never had to wait for the client");
            // The relay's read-ahead and the one message being written: nothing more was asked of Fabric.
            assertTrue(chunks.requested() <= 2L * PatternRun.WINDOW + 2,
                    "asked Fabric for " + chunks.requested() + " chunks while the client read nothing");

            stdout.get().open(); // the client reads again
            for (int i = 0; i < CHUNKS; i++) {
                assertEquals(i + " ", mcp.session().nextProgress().message());
            }
            fabricThread.execute(chunks::complete);
            String text = Texts.of(result.get(10, TimeUnit.SECONDS));
            assertTrue(text.startsWith("0 1 2 ") && text.endsWith((CHUNKS - 1) + " "), text.substring(0, 20));
        }
    }

    @Test
    void relaysEveryChunkReadBeforeFabricFailedEvenToASlowClient() throws Exception {
        FabricClient fabric = mock(FabricClient.class);
        ScriptedChunks chunks = new ScriptedChunks();
        when(fabric.chat(any(ChatRequest.class))).thenReturn(chunks);
        AtomicReference<GatedOutputStream> stdout = new AtomicReference<>();
        try (McpHarness mcp = McpHarness.start(fabric, Duration.ofSeconds(10), out -> {
            stdout.set(new GatedOutputStream(out));
            return stdout.get();
        })) {
            stdout.get().shut(); // the client reads nothing while Fabric writes and then fails
            CompletableFuture<McpSchema.CallToolResult> result = mcp.session().callWithProgress("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "x", "stream", true), "failing").toFuture();
            fabricThread.execute(() -> chunks.content("first "));
            fabricThread.execute(() -> chunks.content("second "));
            fabricThread.execute(() -> chunks.content("third"));
            assertTrue(stdout.get().awaitBlockedWriter(10), "the server never had to wait for the client");
            fabricThread.execute(() -> chunks.fail(new java.io.IOException("Fabric went away")));
            stdout.get().open();
            assertEquals("first ", mcp.session().nextProgress().message());
            assertEquals("second ", mcp.session().nextProgress().message());
            assertEquals("third", mcp.session().nextProgress().message());
            assertTrue(result.get(10, TimeUnit.SECONDS).isError());
        }
    }
}
