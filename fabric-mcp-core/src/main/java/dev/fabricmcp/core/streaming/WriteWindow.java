package dev.fabricmcp.core.streaming;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Bounds how many messages may wait between a sender and a stream that writes one message per line. The SDK's
 * stdio transport queues every message without limit and reports it sent at once, so without this a client that
 * reads its stdin slowly (or not at all) would let the relay read Fabric at full speed into memory. With it, a
 * send waits for a permit, and each newline written to the tracked stream returns one: the relay, and through it
 * the read from Fabric, goes at the pace of the client.
 */
public final class WriteWindow {

    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int available;

    /** A send waiting for a permit; {@code granted} once a written line handed it one. Guarded by the window. */
    private static final class Waiter {
        final MonoSink<Void> sink;
        boolean granted;

        Waiter(MonoSink<Void> sink) {
            this.sink = sink;
        }
    }

    /** A window of {@code size} messages that may be queued but not yet written. */
    public WriteWindow(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("the window needs at least one message, was " + size);
        }
        this.available = size;
    }

    /** Completes when one more message may be queued; each permit is returned when a line has been written. */
    public Mono<Void> acquire() {
        return Mono.create(sink -> {
            synchronized (this) {
                if (available > 0) {
                    available--;
                } else {
                    Waiter waiter = new Waiter(sink);
                    waiting.add(waiter);
                    sink.onCancel(() -> cancelled(waiter));
                    return;
                }
            }
            sink.success();
        });
    }

    /**
     * A waiting send was cancelled. Reactor runs this hook only when the cancel came before the sink's success, so
     * a permit already granted to the send was dropped with that success: pass it on, or as many such races as the
     * window is wide would shut it for good.
     */
    private void cancelled(Waiter waiter) {
        boolean granted;
        synchronized (this) {
            granted = waiter.granted;
            waiting.remove(waiter);
        }
        if (granted) {
            written();
        }
    }

    /** How many sends are waiting for a permit now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Reports one message written out: the next waiting send may go. */
    void written() {
        Waiter next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                available++;
                return;
            }
            next.granted = true;
        }
        next.sink.success();
    }

    /** The stream, counting the lines written through it: one message each, as the SDK's stdio transport writes. */
    public OutputStream track(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                if (b == '\n') {
                    written();
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                for (int i = offset; i < offset + length; i++) {
                    if (bytes[i] == '\n') {
                        written();
                    }
                }
            }
        };
    }
}
