package dev.fabricmcp.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for {@code fabric --serve} on an ephemeral port. {@code /chat} either answers with the user input it
 * received, or (when {@link #holdChats()} was called) never answers until {@link #close()}.
 */
final class FakeFabric implements AutoCloseable {

    private final HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final BlockingQueue<JsonObject> chats = new LinkedBlockingQueue<>();
    private volatile boolean hold;

    FakeFabric() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-fabric");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/patterns/names", exchange -> reply(exchange, "application/json", "[\"summarize\"]"));
        server.createContext("/chat", this::chat);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on {@code /chat} requests get no answer until the fake is closed. */
    FakeFabric holdChats() {
        hold = true;
        return this;
    }

    /** The body of the next {@code /chat} request, once it has arrived. */
    JsonObject nextChat() throws InterruptedException {
        JsonObject chat = chats.poll(20, TimeUnit.SECONDS);
        if (chat == null) {
            throw new AssertionError("Fabric received no /chat request");
        }
        return chat;
    }

    private void chat(HttpExchange exchange) throws IOException {
        JsonObject request = JsonParser.parseString(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        chats.add(request);
        if (hold) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        JsonObject content = new JsonObject();
        content.addProperty("type", "content");
        content.addProperty("format", "markdown");
        content.addProperty("content", request.getAsJsonArray("prompts").get(0).getAsJsonObject()
                .get("userInput").getAsString());
        reply(exchange, "text/event-stream",
                "data: " + content + "\n\n" + "data: {\"type\":\"complete\",\"format\":\"markdown\"}\n\n");
    }

    private static void reply(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
