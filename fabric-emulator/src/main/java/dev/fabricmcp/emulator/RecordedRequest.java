package dev.fabricmcp.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request the emulator received, recorded before it was handled (so requests that were rejected
 * with 401, 404 or 400 are recorded too).
 *
 * @param sequence     the arrival number, from 0
 * @param method       the HTTP method
 * @param path         the decoded path
 * @param rawPath      the path as sent, percent-encoding included
 * @param query        the raw query string, or {@code ""}
 * @param headers      the request headers; lookups are case-insensitive
 * @param body         the request body bytes
 * @param receivedAt   wall-clock arrival time (after the body was read)
 * @param receivedNanos {@link System#nanoTime()} at arrival
 */
public record RecordedRequest(long sequence, String method, String path, String rawPath, String query,
        Map<String, List<String>> headers, byte[] body, Instant receivedAt, long receivedNanos) {

    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
        return "RecordedRequest[" + sequence + " " + method + " " + path + (query.isEmpty() ? "" : "?" + query)
                + " at " + receivedAt + ", " + body.length + " body bytes]";
    }
}
