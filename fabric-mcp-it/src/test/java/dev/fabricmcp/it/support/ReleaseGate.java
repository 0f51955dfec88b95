package dev.fabricmcp.it.support;

import com.sun.net.httpserver.HttpServer;
import dev.fabricmcp.emulator.ChatScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Proof without a clock that a client saw progress before the result: Fabric's answer stops after its first chunk
 * until the client requests this gate's address, which the Node probes do on their first progress notification
 * ({@code PROBE_RELEASE_URL}). A server that held progress back until the result would never get its result.
 */
public final class ReleaseGate implements AutoCloseable {

    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final HttpServer server;

    public ReleaseGate() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/release", exchange -> {
            released.complete(null);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** An answer whose first chunk is written at once and the others only once the gate was requested. */
    public ChatScript answer(String first, String... rest) {
        return ChatScript.builder().content(first).await(released).contents(rest)
                .usage(ChatScript.SCRIPTED_INPUT_TOKENS, 1 + rest.length).newline().build();
    }

    /** The environment that tells a Node probe where the gate is. */
    public Map<String, String> environment() {
        return Map.of("PROBE_RELEASE_URL",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/release");
    }

    /** Whether a client has requested the gate. */
    public boolean released() {
        return released.isDone();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
