package dev.fabricmcp.core.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.testing.DemandProbe;
import dev.fabricmcp.core.testing.GatedOutputStream;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.Texts;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A client that stops reading stdout stops the read from Fabric: memory stays bounded whatever the answer. */
class SlowClientTest {

    private static final int CHUNKS = 2_000;

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder().build().start();
    private final DemandProbe demand = new DemandProbe();
    private GatedOutputStream stdout;
    @AutoClose
    private final McpHarness mcp = McpHarness.start(
            demand.watching(FabricClient.builder().baseUri(fabric.uri()).build()), Duration.ofSeconds(10),
            out -> stdout = new GatedOutputStream(out));

    private CompletableFuture<McpSchema.CallToolResult> streamedRun(String token) {
        return mcp.session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", "summarize", "input_text", "x", "stream", true), token).toFuture();
    }

    @Test
    void readsFromFabricNoFasterThanTheClientReads() throws Exception {
        fabric.script("summarize", ChatScript.builder().series(CHUNKS, Duration.ZERO, "chunk").build());
        stdout.shut(); // the client stops reading
        CompletableFuture<McpSchema.CallToolResult> result = streamedRun("slow");
        assertTrue(stdout.awaitBlockedWriter(10), "the server never had to wait for the client");
        // Fabric has written far more than the server may hold, and the server could have read it.
        fabric.awaitChat(chat -> chat.events().size() > 4 * PatternRun.WINDOW, Duration.ofSeconds(10));
        // The relay's read-ahead and the one message being written: nothing more was asked of Fabric.
        assertTrue(demand.requested() <= 2L * PatternRun.WINDOW + 2,
                "asked Fabric for " + demand.requested() + " chunks while the client read nothing");

        stdout.open(); // the client reads again
        for (int i = 0; i < CHUNKS; i++) {
            assertEquals("chunk " + i + "\n", mcp.session().nextProgress().message());
        }
        String text = Texts.of(result.get(10, TimeUnit.SECONDS));
        assertTrue(text.startsWith("chunk 0\nchunk 1\nchunk 2\n") && text.endsWith("chunk " + (CHUNKS - 1) + "\n"),
                text.substring(0, 20));
    }

    @Test
    void relaysEveryChunkReadBeforeFabricFailedEvenToASlowClient() throws Exception {
        CompletableFuture<Void> fail = new CompletableFuture<>();
        fabric.script("summarize", ChatScript.builder().contents("first ", "second ", "third").await(fail).cut()
                .build());
        stdout.shut(); // the client reads nothing while Fabric writes and then fails
        CompletableFuture<McpSchema.CallToolResult> result = streamedRun("failing");
        assertTrue(stdout.awaitBlockedWriter(10), "the server never had to wait for the client");
        fail.complete(null); // Fabric's connection breaks
        stdout.open();
        assertEquals("first ", mcp.session().nextProgress().message());
        assertEquals("second ", mcp.session().nextProgress().message());
        assertEquals("third", mcp.session().nextProgress().message());
        assertTrue(result.get(10, TimeUnit.SECONDS).isError());
    }
}
