package dev.fabricmcp.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * gin's response helpers as Fabric uses them. Note that {@code com.sun.net.httpserver} normalises header
 * names to {@code Content-type} style; header names are case-insensitive in HTTP, values are exact.
 */
final class Responses {

    static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    /** {@code c.JSON(status, value)}: Go-marshalled, {@code application/json; charset=utf-8}, no newline. */
    static void json(HttpExchange ex, int status, Object value) throws IOException {
        ex.getResponseHeaders().set("Content-Type", JSON);
        send(ex, status, Json.encode(value).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code c.JSON(status, gin.H{"error": message})}. */
    static void error(HttpExchange ex, int status, String message) throws IOException {
        json(ex, status, Map.of("error", message));
    }

    /** {@code c.Status(200)}: no body, {@code Content-Length: 0}, no content type. */
    static void emptyOk(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(200, -1);
    }

    /** A plain body with the given content type. */
    static void text(HttpExchange ex, int status, String contentType, String body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        send(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        // A HEAD response carries no body; announcing one makes the JDK server log a warning.
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
