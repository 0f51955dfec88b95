package dev.fabricmcp.core.transport.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deadline for the whole request body, counted from the moment its headers were read: a body still incomplete
 * then is answered 408 (a JSON-RPC error, see {@link JsonRpcErrorHandler}) and its connection closed. Jetty's idle
 * timeout alone cannot do this: a client sending one byte a second is never idle, and would hold its connection
 * (and the body buffered so far) for as long as it liked. It sits in front of {@code EagerContentHandler}, which
 * reads the body without a thread: the deadline watches that reader's waits for more bytes. A body that arrives
 * with its headers, as every normal client's does, is never waited for, so no timer is ever set for it.
 */
final class BodyDeadline extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(BodyDeadline.class);

    private final Duration limit;

    BodyDeadline(Handler handler, Duration limit) {
        super(handler);
        this.limit = limit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(new TimedBody(request, response, callback, System.nanoTime() + limit.toNanos()),
                response, callback);
    }

    /** The request as the body reader sees it: each wait for more bytes ends at the deadline at the latest. */
    private final class TimedBody extends Request.Wrapper {

        private final Response response;
        private final Callback callback;
        private final long deadline;
        /** The reader's callback while it waits for bytes; whoever takes it (bytes or the timer) goes on. */
        private final AtomicReference<Runnable> waiting = new AtomicReference<>();
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile boolean expired;
        private volatile boolean whole;
        private volatile Scheduler.Task timer;

        TimedBody(Request request, Response response, Callback callback, long deadline) {
            super(request);
            this.response = response;
            this.callback = callback;
            this.deadline = deadline;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null && chunk.isLast() && !whole) {
                whole = true;
                Scheduler.Task set = timer;
                if (set != null) {
                    set.cancel();
                }
            }
            return chunk;
        }

        @Override
        public void demand(Runnable more) {
            if (whole) {
                super.demand(more);
                return;
            }
            if (expired || System.nanoTime() - deadline >= 0) {
                refuse();
                return;
            }
            waiting.set(more);
            if (timer == null) {
                timer = getComponents().getScheduler().schedule(this::expire,
                        Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            super.demand(Invocable.from(Invocable.getInvocationType(more), () -> {
                Runnable reader = waiting.getAndSet(null);
                if (reader != null) {
                    reader.run();
                }
            }));
        }

        private void expire() {
            expired = true;
            if (waiting.getAndSet(null) != null) {
                refuse();
            }
        }

        /** Answers 408 in place of the reader, which is never called again. */
        private void refuse() {
            if (answered.compareAndSet(false, true)) {
                LOG.debug("Refused a request from {} whose body did not arrive within {} ms (--http-body-timeout)",
                        getConnectionMetaData().getRemoteSocketAddress(), limit.toMillis());
                Response.writeError(getWrapped(), response, callback, 408);
            }
        }
    }
}
