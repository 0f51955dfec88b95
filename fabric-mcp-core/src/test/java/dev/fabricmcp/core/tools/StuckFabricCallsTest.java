package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.testing.McpHarness;
import dev.fabricmcp.core.testing.Texts;
import dev.fabricmcp.core.call.CallChannel;
import dev.fabricmcp.core.call.FabricTool;
import dev.fabricmcp.core.call.ToolCall;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Read-only tools against a Fabric whose pattern route sends its headers and then nothing: such calls hold no
 * thread, so any number of them never delays another tool, and disposing a call's pipeline closes its connection.
 */
class StuckFabricCallsTest {

    /** More than Reactor's bounded elastic pool has threads on any machine this runs on (10 per core). */
    private static final int STUCK = 10 * Runtime.getRuntime().availableProcessors() + 5;

    private final Semaphore stuckArrived = new Semaphore(0);
    private final Semaphore stuckClosed = new Semaphore(0);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private HttpServer fabric;

    @BeforeEach
    void startFabric() throws IOException {
        fabric = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        fabric.setExecutor(handlers);
        fabric.createContext("/patterns/", this::stall);
        fabric.createContext("/models/names", exchange -> answer(exchange,
                "{\"models\": [\"m1\"], \"vendors\": {\"Ollama\": [\"m1\"]}}"));
        fabric.start();
    }

    @AfterEach
    void stopFabric() {
        release.countDown();
        fabric.stop(0);
        handlers.shutdownNow();
    }

    private void stall(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        body.write("{\"Name\": \"summ".getBytes(StandardCharsets.UTF_8));
        body.flush();
        stuckArrived.release();
        // A space now and then keeps the body open; the write fails once the client has closed the connection.
        try {
            while (!release.await(20, TimeUnit.MILLISECONDS)) {
                body.write(' ');
                body.flush();
            }
        } catch (IOException e) {
            stuckClosed.release();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private FabricClient client() {
        return FabricClient.builder().baseUri(URI.create("http://127.0.0.1:" + fabric.getAddress().getPort()))
                .requestTimeout(Duration.ofMinutes(5)).build();
    }

    @Test
    void callsStuckOnFabricNeverDelayAnotherTool() throws Exception {
        try (McpHarness mcp = McpHarness.start(client())) {
            List<CompletableFuture<McpSchema.CallToolResult>> stuck = new ArrayList<>();
            for (int i = 0; i < STUCK; i++) {
                stuck.add(mcp.session().client().callTool(new McpSchema.CallToolRequest("fabric_get_pattern_details",
                        Map.of("pattern_name", "summarize"))).toFuture());
            }
            assertTrue(stuckArrived.tryAcquire(STUCK, 20, TimeUnit.SECONDS),
                    "every stuck call reached Fabric at once; " + stuckArrived.availablePermits() + " did");

            McpSchema.CallToolResult models = mcp.session().call("fabric_list_models", Map.of());

            assertFalse(Boolean.TRUE.equals(models.isError()), Texts.of(models));
            assertEquals("Ollama: m1", Texts.of(models));
            stuck.forEach(call -> assertFalse(call.isDone()));
        }
    }

    @Test
    void disposingAReadOnlyToolsPipelineClosesItsConnectionToFabric() throws Exception {
        FabricTool details = new CatalogTools(client()).patternDetails();
        Disposable call = details.call(new ToolCall("fabric_get_pattern_details", Map.of("pattern_name", "summarize"),
                Map.of(), CallChannel.of(progress -> Mono.empty(), entry -> Mono.empty()), null, null)).subscribe();
        assertTrue(stuckArrived.tryAcquire(10, TimeUnit.SECONDS), "the call reached Fabric");

        call.dispose();

        assertTrue(stuckClosed.tryAcquire(10, TimeUnit.SECONDS), "Fabric saw the connection close");
    }

    @Test
    void cancellingAStuckReadOnlyCallClosesItsConnectionToFabric() throws Exception {
        try (McpHarness mcp = McpHarness.start(client())) {
            CompletableFuture<McpSchema.CallToolResult> stuck = mcp.session().client().callTool(
                    new McpSchema.CallToolRequest("fabric_get_pattern_details", Map.of("pattern_name", "summarize")))
                    .toFuture();
            assertTrue(stuckArrived.tryAcquire(10, TimeUnit.SECONDS), "the call reached Fabric");

            mcp.session().cancelToolCall(0);

            assertTrue(stuckClosed.tryAcquire(10, TimeUnit.SECONDS), "Fabric saw the connection close");
            McpSchema.CallToolResult models = mcp.session().call("fabric_list_models", Map.of());
            assertFalse(Boolean.TRUE.equals(models.isError()), Texts.of(models));
            assertFalse(stuck.isDone(), "a call its client cancelled gets no response");
        }
    }
}
