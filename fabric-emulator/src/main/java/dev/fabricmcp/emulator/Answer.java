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
    /** What follows the body: {@code null} to end it, {@link #SILENCE} to hold it open, else a piece repeated. */
    private final String tail;
    /** The pause between two repeated pieces of the tail. */
    private final Duration tailGap;

    private static final String SILENCE = "";

    private Answer(int status, Map<String, String> headers, String body, CompletionStage<?> after, int pieces,
                   Duration gap, String tail, Duration tailGap) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.after = after;
        this.pieces = pieces;
        this.gap = gap;
        this.tail = tail;
        this.tailGap = tailGap;
    }

    /** An answer with this status, no headers and an empty body. */
    public static Answer status(int status) {
        return new Answer(status, Map.of(), "", CompletableFuture.completedFuture(null), 1, Duration.ZERO, null,
                Duration.ZERO);
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
        return new Answer(status, Map.copyOf(more), body, after, pieces, gap, tail, tailGap);
    }

    public Answer body(String body) {
        return new Answer(status, headers, Objects.requireNonNull(body), after, pieces, gap, tail, tailGap);
    }

    /** Sends nothing, not even the status line, until the test completes {@code cue} (or the emulator closes). */
    public Answer after(CompletionStage<?> cue) {
        return new Answer(status, headers, body, Objects.requireNonNull(cue), pieces, gap, tail, tailGap);
    }

    /** Writes the body in {@code pieces} flushes, {@code gap} apart: a client must join what arrives split. */
    public Answer inPieces(int pieces, Duration gap) {
        if (pieces < 1) {
            throw new IllegalArgumentException("pieces < 1");
        }
        return new Answer(status, headers, body, after, pieces, Objects.requireNonNull(gap), tail, tailGap);
    }

    /**
     * After the body, {@code piece} again and again, never ending the body: an answer that would fill a client's
     * memory. Stops when the client closes the connection or the emulator closes.
     */
    public Answer thenEndlessly(String piece) {
        if (piece.isEmpty()) {
            throw new IllegalArgumentException("an empty piece would never fill anything");
        }
        return new Answer(status, headers, body, after, pieces, gap, piece, Duration.ZERO);
    }

    /** After the body, silence with the body still open, until the emulator closes: a Fabric that hangs. */
    public Answer thenSilence() {
        return new Answer(status, headers, body, after, pieces, gap, SILENCE, Duration.ZERO);
    }

    /**
     * After the body, one space {@code every} so often, never ending the body: a Fabric that hangs mid-answer yet
     * notices when its client closes the connection ({@link FabricEmulator#awaitAbandoned}).
     */
    public Answer thenKeepAlive(Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a keep-alive needs a pause between its spaces");
        }
        return new Answer(status, headers, body, after, pieces, gap, " ", every);
    }

    void write(HttpExchange exchange, EmulatorState state) throws IOException, StreamAborted {
        state.await(after);
        headers.forEach(exchange.getResponseHeaders()::set);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (tail != null) {
            writeWithoutEnd(exchange, state, bytes);
            return;
        }
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

    private void writeWithoutEnd(HttpExchange exchange, EmulatorState state, byte[] start)
            throws IOException, StreamAborted {
        exchange.sendResponseHeaders(status, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(start);
        out.flush();
        byte[] piece = tail.getBytes(StandardCharsets.UTF_8);
        while (!state.stopping()) {
            if (piece.length == 0) {
                state.pause(Duration.ofMillis(50));
            } else {
                out.write(piece); // fails once the client has closed the connection
                out.flush();
                if (!tailGap.isZero()) {
                    state.pause(tailGap);
                }
            }
        }
    }
}
