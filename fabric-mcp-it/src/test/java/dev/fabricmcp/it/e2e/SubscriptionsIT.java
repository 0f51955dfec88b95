package dev.fabricmcp.it.e2e;

import static dev.fabricmcp.it.e2e.ModernMessages.request;
import static dev.fabricmcp.it.e2e.ModernMessages.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.FabricMcpProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code subscriptions/listen} (MCP 2026-07-28) for a modern client, through the real process: acknowledged with
 * what fabric-mcp honours, then {@code notifications/prompts/list_changed} and {@code notifications/resources/updated}
 * on the request's own stream when a pattern is added to Fabric; ended by the client without a response, or by the
 * server with the empty result. Over stdio (one stream, correlated by subscription id) and HTTP (the POST's own SSE
 * stream).
 */
class SubscriptionsIT {

    private static final Gson GSON = new Gson();
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Asks for more than fabric-mcp offers: tools never change, and only the pattern index is watched. */
    private static final Map<String, Object> FILTER = Map.of("promptsListChanged", true, "toolsListChanged", true,
            "resourceSubscriptions", List.of("fabric://patterns", "fabric://models"));
    private static final String NEW_PATTERN = "rate_jokes";

    @Test
    void overStdio() throws Exception {
        try (FabricEmulator fabric = FabricEmulator.builder().build().start();
             FabricMcpProcess server = FabricMcpProcess.start(List.of("--pattern-refresh", "300ms"),
                     Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            OutputStream in = server.stdin();
            Messages out = Messages.reading(server.stdout(), false);
            send(in, request(1, "server/discover", Map.of()));
            assertAdvertised(result(out.await(response(1))));
            send(in, request(2, "prompts/list", Map.of()));
            assertFalse(promptNames(result(out.await(response(2)))).contains(NEW_PATTERN));

            send(in, request(10, "subscriptions/listen", Map.of("notifications", FILTER)));
            assertHearsTheNewPattern(fabric, out, 10);
            send(in, request(3, "prompts/list", Map.of()));
            assertTrue(promptNames(result(out.await(response(3)))).contains(NEW_PATTERN));

            // The client cancels: the subscription ends, with no response.
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":10}}");
            server.awaitStderr("Cancelling request 10 of session", WAIT);
            send(in, request(4, "tools/list", Map.of()));
            out.await(response(4));
            assertFalse(out.seen().stream().anyMatch(response(10)), "no response to a cancelled subscription");

            // The server ends one (stdin closed): the empty result, tagged with the subscription.
            send(in, request(12, "subscriptions/listen", Map.of("notifications", FILTER)));
            out.await(acknowledgementOf(12));
            in.close();
            assertEndedGracefully(out.await(response(12)), 12);
        }
    }

    @Test
    void overHttp() throws Exception {
        try (FabricEmulator fabric = FabricEmulator.builder().build().start();
             FabricMcpProcess server = FabricMcpProcess.startHttp(List.of("--pattern-refresh", "300ms"),
                     Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            RawMcpHttp http = new RawMcpHttp(server.endpoint());
            assertAdvertised(result(JsonRpcBody.last(http.post(request(1, "server/discover", Map.of()),
                    headers("server/discover")).body())));
            assertFalse(promptNames(result(JsonRpcBody.last(http.post(request(2, "prompts/list", Map.of()),
                    headers("prompts/list")).body()))).contains(NEW_PATTERN));

            HttpResponse<InputStream> listening = http.postStreaming(request(10, "subscriptions/listen",
                    Map.of("notifications", FILTER)), headers("subscriptions/listen"));
            assertEquals("text/event-stream", listening.headers().firstValue("Content-Type").orElse("")
                    .split(";")[0]);
            Messages stream = Messages.reading(listening.body(), true);
            assertHearsTheNewPattern(fabric, stream, 10);
            assertTrue(promptNames(result(JsonRpcBody.last(http.post(request(3, "prompts/list", Map.of()),
                    headers("prompts/list")).body()))).contains(NEW_PATTERN));

            // The client closes its stream: that cancels the subscription.
            listening.body().close();
            server.awaitStderr("Cancelling request 10 of session http-", WAIT);

            // The server stops: the empty result ends the stream.
            HttpResponse<InputStream> second = http.postStreaming(request(12, "subscriptions/listen",
                    Map.of("notifications", FILTER)), headers("subscriptions/listen"));
            Messages secondStream = Messages.reading(second.body(), true);
            secondStream.await(acknowledgementOf(12));
            server.process().destroy();
            assertEndedGracefully(secondStream.await(response(12)), 12);
        }
    }

    private static void assertAdvertised(JsonObject discovered) {
        JsonObject capabilities = discovered.getAsJsonObject("capabilities");
        assertTrue(capabilities.getAsJsonObject("prompts").get("listChanged").getAsBoolean(), discovered.toString());
        assertTrue(capabilities.getAsJsonObject("resources").get("subscribe").getAsBoolean(), discovered.toString());
    }

    /** The acknowledgement first, with what is honoured; then the changes a new pattern makes, tagged. */
    private static void assertHearsTheNewPattern(FabricEmulator fabric, Messages messages, int id) {
        JsonObject acknowledged = messages.await(acknowledgementOf(id));
        assertEquals(GSON.toJsonTree(Map.of("promptsListChanged", true,
                "resourceSubscriptions", List.of("fabric://patterns"))),
                acknowledged.getAsJsonObject("params").get("notifications"), acknowledged.toString());

        fabric.putPattern(NEW_PATTERN, "# IDENTITY and PURPOSE\n\nYou rate jokes from 1 to 10.\n");
        JsonObject promptsChanged = messages.await(notification("notifications/prompts/list_changed", id));
        assertEquals(id, subscriptionId(promptsChanged));
        JsonObject updated = messages.await(notification("notifications/resources/updated", id));
        assertEquals("fabric://patterns", updated.getAsJsonObject("params").get("uri").getAsString());
    }

    private static void assertEndedGracefully(JsonObject response, int id) {
        JsonObject result = result(response);
        assertEquals(id, result.getAsJsonObject("_meta").get("io.modelcontextprotocol/subscriptionId").getAsInt(),
                response.toString());
    }

    private static Predicate<JsonObject> acknowledgementOf(int id) {
        return notification("notifications/subscriptions/acknowledged", id);
    }

    private static Predicate<JsonObject> notification(String method, int id) {
        return message -> message.has("method") && message.get("method").getAsString().equals(method)
                && subscriptionId(message) == id;
    }

    private static int subscriptionId(JsonObject notification) {
        JsonObject params = notification.getAsJsonObject("params");
        JsonElement id = params == null || !params.has("_meta") ? null
                : params.getAsJsonObject("_meta").get("io.modelcontextprotocol/subscriptionId");
        return id == null ? -1 : id.getAsInt();
    }

    private static Predicate<JsonObject> response(int id) {
        return message -> !message.has("method") && message.has("id") && !message.get("id").isJsonNull()
                && message.get("id").getAsInt() == id;
    }

    private static List<String> promptNames(JsonObject result) {
        return result.getAsJsonArray("prompts").asList().stream()
                .map(prompt -> prompt.getAsJsonObject().get("name").getAsString()).toList();
    }

    private static Map<String, String> headers(String method) {
        return Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", method);
    }

    private static void send(OutputStream in, String json) throws IOException {
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The JSON-RPC messages of an HTTP answer, plain JSON or SSE. */
    private static final class JsonRpcBody {
        static JsonObject last(String body) {
            List<String> messages = body.lines().map(line -> line.startsWith("data:") ? line.substring(5).trim()
                    : line).filter(line -> line.startsWith("{")).toList();
            return JsonParser.parseString(messages.get(messages.size() - 1)).getAsJsonObject();
        }
    }

    /** Messages read on a thread of their own from stdout (one per line) or an SSE stream (one per data line). */
    private static final class Messages {
        private final BlockingQueue<JsonObject> queue = new LinkedBlockingQueue<>();
        private final List<JsonObject> seen = new ArrayList<>();

        static Messages reading(InputStream stream, boolean sse) {
            Messages messages = new Messages();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream,
                        StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        String json = sse ? (line.startsWith("data:") ? line.substring(5).trim() : "") : line;
                        if (json.startsWith("{")) {
                            messages.queue.add(JsonParser.parseString(json).getAsJsonObject());
                        }
                    }
                } catch (IOException | UncheckedIOException e) {
                    // the stream was closed
                }
            }, "subscriptions-it-reader");
            reader.setDaemon(true);
            reader.start();
            return messages;
        }

        /** The next message that matches, within {@link #WAIT}; the others are kept in {@link #seen()}. */
        JsonObject await(Predicate<JsonObject> wanted) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                while (true) {
                    JsonObject message = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (message == null) {
                        throw new AssertionError("no such message within " + WAIT + "; seen: " + seen);
                    }
                    seen.add(message);
                    if (wanted.test(message)) {
                        return message;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        List<JsonObject> seen() {
            return seen;
        }
    }
}
