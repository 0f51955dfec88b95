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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A client that stops reading stdout stops the read from Fabric: memory stays bounded whatever the answer. */
class SlowClientTest {

    private static final int WINDOW = 16;
    private static final int CHUNKS = 2_000;

    @Test
    void readsFromFabricNoFasterThanTheClientReads() throws Exception {
        FabricClient fabric = mock(FabricClient.class);
        ScriptedChunks chunks = new ScriptedChunks();
        when(fabric.chat(any(ChatRequest.class))).thenReturn(chunks);
        WriteWindow window = new WriteWindow(WINDOW);
        AtomicReference<GatedOutputStream> stdout = new AtomicReference<>();
        try (McpHarness mcp = McpHarness.start(fabric, Duration.ofSeconds(10), window, out -> {
            stdout.set(new GatedOutputStream(out));
            return stdout.get();
        })) {
            stdout.get().shut(); // the client stops reading
            CompletableFuture<McpSchema.CallToolResult> result = mcp.session().callWithProgress("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "x", "stream", true), "slow").toFuture();
            for (int i = 0; i < CHUNKS; i++) {
                chunks.content(i + " ");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (window.waiting() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until the relay is held at the window
            }
            assertTrue(window.waiting() > 0, "the relay never had to wait for the client");
            // The window, the relay's read-ahead and one message being written: nothing more was asked of Fabric.
            assertTrue(chunks.requested() <= WINDOW + 2L * PatternRun.WINDOW + 2,
                    "asked Fabric for " + chunks.requested() + " chunks while the client read nothing");

            stdout.get().open(); // the client reads again
            for (int i = 0; i < CHUNKS; i++) {
                assertEquals(i + " ", mcp.session().nextProgress().message());
            }
            chunks.complete();
            String text = Texts.of(result.get(10, TimeUnit.SECONDS));
            assertTrue(text.startsWith("0 1 2 ") && text.endsWith((CHUNKS - 1) + " "), text.substring(0, 20));
        }
    }
}
