package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.core.testing.JsonRpc;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.FabricMcpProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP transport under abuse: clients that send their bodies a byte at a time, sessions left behind, a token
 * guessed over and over. Other clients keep being served, and memory stays bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpAbuseIT {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder().build().start();

    private FabricMcpProcess startServer(String... args) {
        return FabricMcpProcess.startHttp(List.of(args), Map.of("FABRIC_BASE_URL", fabric.uri().toString()));
    }

    /** More slow uploads than the server has threads (512): each used to hold a thread until its body was whole. */
    @Test
    void sixHundredSlowBodiesDoNotKeepAnotherClientWaiting() throws IOException {
        try (FabricMcpProcess server = startServer();
             SlowUploads uploads = new SlowUploads(server.endpoint(), 600)) {
            uploads.trickle();
            HttpResponse<String> served = new RawMcpHttp(server.endpoint()).post(JsonRpc.INITIALIZE, Map.of());
            assertEquals(200, served.statusCode(), served::body);
            assertTrue(served.body().contains("\"serverInfo\""), served::body);
        }
    }

    /**
     * A body that keeps coming, a byte at a time, is cut at --http-body-timeout with a 408 JSON-RPC error and its
     * connection closed, while another client is served meanwhile. It used to hold its connection for as long as
     * it kept sending.
     */
    @Test
    void aBodyStillArrivingAtTheBodyTimeoutIsCutWith408() throws IOException {
        try (FabricMcpProcess server = startServer("--http-body-timeout", "2s");
             SlowUploads upload = new SlowUploads(server.endpoint(), 1)) {
            long started = System.nanoTime();
            upload.trickle(Duration.ofMillis(100));
            HttpResponse<String> served = new RawMcpHttp(server.endpoint()).post(JsonRpc.INITIALIZE, Map.of());
            assertEquals(200, served.statusCode(), served::body);

            String answer = upload.response(0, Duration.ofSeconds(20));
            long cutAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.println("[HttpAbuseIT] a body trickled at 10 bytes/s was answered 408 after " + cutAfter
                    + " ms (--http-body-timeout 2s)");
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(answer.contains("\"code\":-32035") && answer.contains("--http-body-timeout"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);
        }
    }

    @Test
    void anIdleSessionExpires() {
        try (FabricMcpProcess server = startServer("--session-idle-timeout", "1s", "--log-level", "debug")) {
            RawMcpHttp http = new RawMcpHttp(server.endpoint());
            String session = http.openSession();
            server.awaitStderr("Evicting idle session " + session, Duration.ofSeconds(30));
            HttpResponse<String> late = http.post("""
                    {"jsonrpc":"2.0","id":2,"method":"tools/list"}""", Map.of());
            assertEquals(404, late.statusCode(), late::body);
        }
    }

    @Test
    void anAddressThatKeepsGuessingTheTokenIsRefusedForAWhile() {
        try (FabricMcpProcess server = FabricMcpProcess.startHttp(List.of(), Map.of(
                "FABRIC_BASE_URL", fabric.uri().toString(), "FABRIC_MCP_HTTP_TOKEN", TOKEN))) {
            RawMcpHttp http = new RawMcpHttp(server.endpoint());
            for (int guess = 0; guess < 10; guess++) {
                HttpResponse<String> wrong = http.post(JsonRpc.INITIALIZE,
                        Map.of("Authorization", "Bearer guess-" + guess));
                assertEquals(401, wrong.statusCode(), wrong::body);
            }
            HttpResponse<String> right = http.post(JsonRpc.INITIALIZE, Map.of("Authorization", "Bearer " + TOKEN));
            assertEquals(429, right.statusCode(), "even the right token waits: a 429 tells a guesser nothing");
            long retryAfter = Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertTrue(right.body().contains("\"code\":-32034") && right.body().contains("try again in"),
                    right::body);
            assertFalse(right.body().contains(TOKEN), right::body);
        }
    }

    /** Connections that each announce a body and send it one byte per second. */
    private static final class SlowUploads implements AutoCloseable {
        private final List<Socket> sockets = new ArrayList<>();
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

        SlowUploads(URI endpoint, int count) throws IOException {
            String head = "POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: " + endpoint.getAuthority()
                    + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: 100000\r\n\r\n{";
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
                sockets.add(socket);
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
        }

        /** One more byte on every connection each second, so none of them is ever idle. */
        void trickle() {
            trickle(Duration.ofSeconds(1));
        }

        /** One more byte on every connection each {@code period}. */
        void trickle(Duration period) {
            ticker.scheduleAtFixedRate(() -> {
                for (Socket socket : sockets) {
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(' ');
                        out.flush();
                    } catch (IOException e) {
                        // the server gave up on this one: fine
                    }
                }
            }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }

        /**
         * Everything the server sends on connection {@code index} until it closes it.
         *
         * @throws java.net.SocketTimeoutException when the server neither answers nor closes within {@code wait}
         */
        String response(int index, Duration wait) throws IOException {
            Socket socket = sockets.get(index);
            socket.setSoTimeout((int) wait.toMillis());
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
