package dev.fabricmcp.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A way Fabric (or something in front of it) can misbehave at the byte level on any route, for the tests that
 * prove fabric-mcp holds: bodies that never end, and bodies that stop after the headers.
 */
public enum RouteFault {
    /** 200 and a JSON array that never ends. */
    ENDLESS_BODY(200, "application/json; charset=utf-8", "[", true),
    /** 200, the start of a JSON array, then silence until the emulator closes. */
    STALL_AFTER_HEADERS(200, "application/json; charset=utf-8", "[\"summ", false),
    /** 500 and an error text that never ends. */
    ENDLESS_ERROR(500, "text/plain; charset=utf-8", "", true),
    /** 500, the start of an error, then silence until the emulator closes. */
    ERROR_THEN_SILENT(500, "application/json; charset=utf-8", "{\"error\": \"mod", false);

    private static final byte[] PIECE = ("\"" + "x".repeat(8000) + "\",").getBytes(StandardCharsets.UTF_8);

    private final int status;
    private final String contentType;
    private final String start;
    private final boolean endless;

    RouteFault(int status, String contentType, String start, boolean endless) {
        this.status = status;
        this.contentType = contentType;
        this.start = start;
        this.endless = endless;
    }

    /** Answers the exchange this way; returns when the client goes away or the emulator closes. */
    void answer(HttpExchange ex, EmulatorState state) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, 0);
        OutputStream body = ex.getResponseBody();
        body.write(start.getBytes(StandardCharsets.UTF_8));
        body.flush();
        try {
            while (!state.stopping()) {
                if (endless) {
                    body.write(PIECE); // fails once the client has closed the connection
                    body.flush();
                } else {
                    state.pause(Duration.ofMillis(50));
                }
            }
        } catch (StreamAborted e) {
            // the emulator is closing
        }
    }
}
