package dev.fabricmcp.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A canned answer that stands in for a route's own ({@link FabricEmulator#answer}): for testing a client against
 * what Fabric sends only in trouble (other statuses, unexpected shapes, an answer that is slow or never comes),
 * with the request still recorded. Immutable; each method returns a changed copy.
 */
public final class Answer {

    private final int status;
    private final Map<String, String> headers;
    private final String body;
    private final CompletionStage<?> after;
    private final int pieces;
    private final Duration gap;

    private Answer(int status, Map<String, String> headers, String body, CompletionStage<?> after, int pieces,
                   Duration gap) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.after = after;
        this.pieces = pieces;
        this.gap = gap;
    }

    /** An answer with this status, no headers and an empty body. */
    public static Answer status(int status) {
        return new Answer(status, Map.of(), "", CompletableFuture.completedFuture(null), 1, Duration.ZERO);
    }

    /** Fabric's {@code c.JSON(status, v)}: {@code application/json; charset=utf-8}, the body as given. */
    public static Answer json(int status, String json) {
        return status(status).header("Content-Type", Responses.JSON).body(json);
    }

    public static Answer json(String json) {
        return json(200, json);
    }

    /** A whole {@code /chat} answer: Fabric's stream headers and each event framed as {@code data: <json>\n\n}. */
    public static Answer stream(String... jsonEvents) {
        return streamBody(events(jsonEvents));
    }

    /** Fabric's stream headers with exactly this body, which need not be well framed. */
    public static Answer streamBody(String body) {
        return status(200).header("Content-Type", "text/readystream").header("Cache-Control", "no-cache")
                .header("Access-Control-Allow-Origin", "http://localhost:5173").body(body);
    }

    /** The events framed as Fabric frames them. */
    public static String events(String... jsonEvents) {
        StringBuilder text = new StringBuilder();
        for (String json : jsonEvents) {
            text.append("data: ").append(json).append("\n\n");
        }
        return text.toString();
    }

    public Answer header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new Answer(status, Map.copyOf(more), body, after, pieces, gap);
    }

    public Answer body(String body) {
        return new Answer(status, headers, Objects.requireNonNull(body), after, pieces, gap);
    }

    /** Sends nothing, not even the status line, until the test completes {@code cue} (or the emulator closes). */
    public Answer after(CompletionStage<?> cue) {
        return new Answer(status, headers, body, Objects.requireNonNull(cue), pieces, gap);
    }

    /** Writes the body in {@code pieces} flushes, {@code gap} apart: a client must join what arrives split. */
    public Answer inPieces(int pieces, Duration gap) {
        if (pieces < 1) {
            throw new IllegalArgumentException("pieces < 1");
        }
        return new Answer(status, headers, body, after, pieces, Objects.requireNonNull(gap));
    }

    void write(HttpExchange exchange, EmulatorState state) throws IOException, StreamAborted {
        state.await(after);
        headers.forEach(exchange.getResponseHeaders()::set);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, pieces == 1 ? bytes.length : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            int size = (bytes.length + pieces - 1) / pieces;
            for (int start = 0; start < bytes.length; start += size) {
                if (start > 0) {
                    state.pause(gap);
                }
                out.write(bytes, start, Math.min(size, bytes.length - start));
                out.flush();
            }
        }
    }
}
