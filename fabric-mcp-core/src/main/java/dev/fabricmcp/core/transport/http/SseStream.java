package dev.fabricmcp.core.transport.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The response stream of one modern request: plain JSON when the answer comes before anything else, an SSE stream
 * (notifications, then the response) once a notification or a liveness probe needs it. A probe is an SSE comment:
 * clients ignore it, and writing it is how a client that closed its stream is noticed while the call is silent.
 */
final class SseStream {

    private final HttpServletResponse response;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean started;
    private boolean done;
    /** When the last event was written ({@code System.nanoTime()}), guarded by the lock. */
    private long lastEvent = System.nanoTime();

    SseStream(HttpServletResponse response) {
        this.response = response;
    }

    /** Sends one JSON-RPC message as an SSE event, starting the stream first if needed. */
    void event(byte[] json) throws IOException {
        lock.lock();
        try {
            if (done) {
                throw new IOException("the response is already complete");
            }
            OutputStream out = start();
            out.write("event: message\ndata: ".getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            lastEvent = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /** Sends the final response: as JSON with this status when nothing was streamed yet, else as the last event. */
    void finish(byte[] json, int status) throws IOException {
        lock.lock();
        try {
            if (!started) {
                done = true;
                response.setStatus(status);
                response.setContentType("application/json");
                response.setContentLength(json.length);
                response.getOutputStream().write(json);
                return;
            }
        } finally {
            lock.unlock();
        }
        event(json);
        lock.lock();
        try {
            done = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes a comment unless another write is under way or an event went out less than a probe interval ago
     * (either tells whether the client is there; a stream that flows needs no probe, and each probe would wake the
     * client for nothing).
     *
     * @return false when the client is gone
     */
    boolean probe() {
        if (!lock.tryLock()) {
            return true;
        }
        try {
            if (done || System.nanoTime() - lastEvent < HttpFrontDoor.PROBE_INTERVAL.toNanos()) {
                return true;
            }
            OutputStream out = start();
            out.write(":\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private OutputStream start() throws IOException {
        if (!started) {
            started = true;
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            // Proxies such as nginx would otherwise hold the events back.
            response.setHeader("X-Accel-Buffering", "no");
        }
        return response.getOutputStream();
    }
}
