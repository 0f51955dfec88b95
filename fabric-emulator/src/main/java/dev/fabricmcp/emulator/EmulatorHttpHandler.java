package dev.fabricmcp.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * The single HTTP entry point: records the request, then does what gin does in front of Fabric's handlers:
 * trailing-slash redirect (before any middleware), the API-key middleware, routing, and the plain
 * {@code 404 page not found}. Any failure of a handler is contained here, so bad input never takes the
 * emulator down.
 */
record EmulatorHttpHandler(EmulatorState state, Router router) implements HttpHandler {

    /** Fabric has no body limit; the emulator caps bodies to protect the test JVM. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    @Override
    public void handle(HttpExchange ex) throws IOException {
        boolean cut = false;
        try {
            serve(ex);
        } catch (ConnectionCut e) {
            cut = true;
            throw e; // makes the server drop the socket without finishing the body
        } catch (IOException e) {
            // The client went away or sent a broken request; nothing to answer.
        } catch (RuntimeException | StackOverflowError e) {
            System.err.println("fabric-emulator: internal error on " + ex.getRequestMethod() + " "
                    + ex.getRequestURI() + ": " + e);
            if (ex.getResponseCode() == -1) {
                try {
                    ex.sendResponseHeaders(500, -1); // gin's Recovery: 500, empty body
                } catch (IOException ignored) {
                    // already gone
                }
            }
        } finally {
            if (!cut) {
                ex.close();
            }
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        byte[] body = readBody(ex.getRequestBody());
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        RecordedRequest recorded = new RecordedRequest(state.log.nextSequence(), method, path, rawPath, rawQuery,
                ex.getRequestHeaders(), body == null ? new byte[0] : body, Instant.now(), System.nanoTime());
        state.log.add(recorded);
        if (body == null) {
            Responses.text(ex, 413, "text/plain", "request body larger than the emulator's limit of "
                    + MAX_BODY_BYTES + " bytes");
            return;
        }
        Router.Match match = router.match(method, path);
        if (match == null) {
            String target = router.trailingSlashTarget(method, path);
            if (target != null) {
                redirect(ex, method, target + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
                return;
            }
        }
        if (!authorized(ex, path)) {
            return;
        }
        Answer answer = state.answerFor(method, rawPath);
        if (answer != null) {
            try {
                answer.write(ex, state);
            } catch (StreamAborted stopped) {
                // the emulator is closing
            } catch (IOException clientGone) {
                state.log.abandoned(recorded);
            }
            return;
        }
        if (match == null) {
            Responses.text(ex, 404, "text/plain", "404 page not found");
            return;
        }
        match.handler().handle(new Call(ex, Map.copyOf(match.params()), body, rawQuery, recorded, state));
    }

    /** Fabric's API-key middleware; answers 401 and returns false when the key is missing or wrong. */
    private boolean authorized(HttpExchange ex, String path) throws IOException {
        if (state.apiKey.isEmpty() || path.startsWith("/swagger/")) {
            return true;
        }
        String given = ex.getRequestHeaders().getFirst("X-API-Key");
        if (given == null || given.isEmpty()) {
            Responses.error(ex, 401, "Missing API Key");
            return false;
        }
        if (!given.equals(state.apiKey)) {
            Responses.error(ex, 401, "Wrong API Key");
            return false;
        }
        return true;
    }

    /** gin's trailing-slash redirect via Go's {@code http.Redirect}: 301 for GET, 307 otherwise. */
    private static void redirect(HttpExchange ex, String method, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        if (method.equals("GET")) {
            Responses.text(ex, 301, "text/html; charset=utf-8",
                    "<a href=\"" + htmlEscape(location) + "\">Moved Permanently</a>.\n\n");
        } else {
            if (method.equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            }
            ex.sendResponseHeaders(307, -1);
        }
    }

    private static String htmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    /** The whole body, or {@code null} if it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        int n;
        boolean tooLarge = false;
        while ((n = in.read(buffer)) != -1) {
            if (!tooLarge && out.size() + n > MAX_BODY_BYTES) {
                tooLarge = true; // keep draining so the connection stays usable
            }
            if (!tooLarge) {
                out.write(buffer, 0, n);
            }
        }
        return tooLarge ? null : out.toByteArray();
    }
}
