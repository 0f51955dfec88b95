package dev.fabricmcp.core.transport.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SDK servlet's response, watched by the front door:
 * <ul>
 *   <li>SSE {@code id:} lines are dropped: the SDK gives every event its session's id, which a client would take for
 *       a resumption point that does not exist (the SDK replays nothing);</li>
 *   <li>between events, {@link #probe} can write an SSE comment, so that a client that went away is noticed while
 *       the call is silent;</li>
 *   <li>an error status keeps the SDK's body (a serialized Java exception) from the client: {@link #errorStatus}
 *       tells the front door to answer with a JSON-RPC error instead.</li>
 * </ul>
 */
final class LegacyResponse extends HttpServletResponseWrapper {

    private final ReentrantLock guard = new ReentrantLock();
    private final StringBuilder line = new StringBuilder();
    private PrintWriter writer;
    private int errorStatus;
    /** Whether what was written so far ends between two events. */
    private boolean betweenEvents = true;
    private boolean eventStream;
    /** When the SDK last flushed an event ({@code System.nanoTime()}), guarded by {@code guard}. */
    private long lastFlush = System.nanoTime();

    LegacyResponse(HttpServletResponse response) {
        super(response);
    }

    /** Whether the SDK took the writer (then the output stream cannot be had any more). */
    synchronized boolean usedWriter() {
        return writer != null;
    }

    /** The error status the SDK set, or 0. */
    int errorStatus() {
        return errorStatus;
    }

    @Override
    public void setStatus(int status) {
        if (status >= 400) {
            errorStatus = status;
        }
        super.setStatus(status);
    }

    @Override
    public void sendError(int status, String message) {
        errorStatus = status;
    }

    @Override
    public void sendError(int status) {
        errorStatus = status;
    }

    @Override
    public void setContentType(String type) {
        eventStream = type != null && type.startsWith("text/event-stream");
        super.setContentType(type);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (errorStatus == 0) {
            return super.getOutputStream();
        }
        return new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                // The SDK's error body is replaced by the front door's JSON-RPC error.
            }
        };
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (writer == null) {
            Writer target = super.getWriter();
            writer = new PrintWriter(new Writer() {
                @Override
                public void write(char[] chars, int offset, int length) throws IOException {
                    guard.lock();
                    try {
                        if (errorStatus != 0) {
                            return;
                        }
                        if (!eventStream) {
                            target.write(chars, offset, length);
                            return;
                        }
                        for (int i = offset; i < offset + length; i++) {
                            line.append(chars[i]);
                            if (chars[i] == '\n') {
                                String complete = line.toString();
                                line.setLength(0);
                                if (!complete.startsWith("id:")) {
                                    target.write(complete);
                                    betweenEvents = complete.equals("\n");
                                }
                            }
                        }
                    } finally {
                        guard.unlock();
                    }
                }

                @Override
                public void flush() throws IOException {
                    guard.lock();
                    try {
                        if (errorStatus != 0) {
                            return; // not committed: the front door answers in its place
                        }
                        target.flush();
                        lastFlush = System.nanoTime();
                        if (target instanceof PrintWriter printer && printer.checkError()) {
                            throw new IOException("Client disconnected");
                        }
                    } finally {
                        guard.unlock();
                    }
                }

                @Override
                public void close() throws IOException {
                    guard.lock();
                    try {
                        target.write(line.toString());
                        line.setLength(0);
                        target.close();
                    } finally {
                        guard.unlock();
                    }
                }
            });
        }
        return writer;
    }

    /**
     * Writes an SSE comment between two events of an event stream, unless a write is under way or an event was
     * flushed less than a probe interval ago (a stream that flows needs no probe).
     *
     * @return false when the client is gone
     */
    boolean probe() {
        if (!guard.tryLock()) {
            return true;
        }
        try {
            if (!eventStream || !betweenEvents || errorStatus != 0
                    || System.nanoTime() - lastFlush < HttpFrontDoor.PROBE_INTERVAL.toNanos()) {
                return true; // nothing to probe, or an event flowed less than a probe interval ago
            }
            PrintWriter out = (PrintWriter) super.getWriter();
            out.write(":\n\n");
            out.flush();
            return !out.checkError();
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            guard.unlock();
        }
    }
}
