package dev.fabricmcp.client;

import dev.fabricmcp.client.sse.SseEvent;
import dev.fabricmcp.client.sse.SseFormatException;
import dev.fabricmcp.client.sse.SseParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@code POST /chat} exchange as a publisher of chunks. The request is sent when the single subscriber
 * subscribes. Body bytes are requested from the HTTP client only while the subscriber has outstanding demand and
 * every chunk read so far has been delivered, so a slow subscriber slows the read and at most one buffer's worth
 * of chunks waits in memory. Cancelling the subscription aborts the HTTP exchange, which closes the connection:
 * that is what tells Fabric to stop the model.
 */
final class ChatStream implements Flow.Publisher<FabricChunk> {

    /** The largest single event accepted; Fabric's largest are whole answers of non-streaming vendors. */
    static final int MAX_EVENT_BYTES = 64 * 1024 * 1024;
    private static final long NOT_WAITING = Long.MAX_VALUE;

    private final HttpClient httpClient;
    private final HttpRequest request;
    private final Duration idleTimeout;
    private final long maxBodyBytes;
    private final IdleTimeouts timeouts;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    ChatStream(HttpClient httpClient, HttpRequest request, Duration idleTimeout, long maxBodyBytes,
               IdleTimeouts timeouts) {
        this.httpClient = httpClient;
        this.request = request;
        this.idleTimeout = idleTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.timeouts = timeouts;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super FabricChunk> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException(
                    "a chat stream sends its request once and takes one subscriber; call chat() again for another"));
            return;
        }
        Exchange exchange = new Exchange(subscriber);
        subscriber.onSubscribe(exchange);
        exchange.start();
    }

    /** The subscription, and at the same time the HTTP body subscriber, of one exchange. */
    private final class Exchange implements Flow.Subscription, HttpResponse.BodySubscriber<Void> {

        private final Flow.Subscriber<? super FabricChunk> downstream;
        private final URI uri = request.uri();
        private final ChunkDecoder decoder = new ChunkDecoder(uri);
        private final SseParser parser = new SseParser(this::onEvent, MAX_EVENT_BYTES);
        private final Queue<FabricChunk> ready = new ConcurrentLinkedQueue<>();
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger drainers = new AtomicInteger();
        private final AtomicBoolean awaitingBytes = new AtomicBoolean();
        private final AtomicReference<Flow.Subscription> body = new AtomicReference<>();
        /** The timer that checks {@link #idleDeadline}; one at a time, rescheduled only when it fires. */
        private final AtomicReference<ScheduledFuture<?>> idleTimer = new AtomicReference<>();
        /** When the wait for Fabric's next bytes times out ({@code System.nanoTime()}); NOT_WAITING when none. */
        private volatile long idleDeadline = NOT_WAITING;
        private volatile boolean idleTimerStopped;
        private final CompletableFuture<Void> bodyDone = new CompletableFuture<>();
        /** Body bytes read so far; written on the HTTP client's thread only. */
        private long bodyBytes;
        /** The status of an answer other than 200 while its error body is read; 0 otherwise. */
        private volatile int errorStatus;
        /** Whether Fabric answered 200: from then on a transport failure is a stream cut short. */
        private volatile boolean streaming;
        private volatile CompletableFuture<HttpResponse<Void>> response;
        private volatile boolean cancelled;
        /** Set once: {@code Terminal.COMPLETED} or a failure; delivered after every ready chunk. */
        private volatile Throwable terminal;
        private volatile boolean terminalDelivered;
        /** Set by {@code request(n <= 0)}: delivered ahead of any chunk still waiting (rule 3.9). */
        private volatile IllegalArgumentException demandViolation;
        /**
         * Whether the last event parsed was {@code complete}: the body may only end right after one. Volatile:
         * written on the HTTP client's thread, read by whichever thread runs the delivery loop.
         */
        private volatile boolean lastWasComplete;

        Exchange(Flow.Subscriber<? super FabricChunk> downstream) {
            this.downstream = downstream;
        }

        void start() {
            // Until the headers arrive the idle timeout also bounds the wait: a thinking model may hold them back.
            armIdleTimer();
            response = httpClient.sendAsync(request, this::bodySubscriberFor);
            response.whenComplete((answer, failure) -> {
                if (failure != null) {
                    fail(transportFailure(failure));
                }
            });
        }

        private HttpResponse.BodySubscriber<Void> bodySubscriberFor(HttpResponse.ResponseInfo info) {
            pauseIdleTimer();
            if (info.statusCode() == 200) {
                streaming = true;
                return this;
            }
            // Only the start of an error body is read, and the idle timeout still applies: a Fabric that answers
            // 500 and then goes silent, or sends an endless error, must not hold the run.
            errorStatus = info.statusCode();
            armIdleTimer();
            return HttpResponse.BodySubscribers.mapping(new CappedBody(FabricCall.MAX_ERROR_BODY_BYTES), text -> {
                fail(FabricErrors.fromStatus(uri, info.statusCode(), text.text()));
                return null;
            });
        }

        private Throwable transportFailure(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (streaming && !(cause instanceof FabricException)) {
                return new FabricStreamException(uri, FabricStreamException.Reason.DISCONNECTED, describe(cause), null,
                        cause);
            }
            int status = errorStatus;
            if (status != 0 && !(cause instanceof FabricException)) {
                return new FabricHttpException(uri, status, "(its error message was cut off: "
                        + FabricErrors.describeTransport(cause) + ")");
            }
            return FabricErrors.fromTransport(uri, cause);
        }

        // ---- Flow.Subscription (downstream) ----

        @Override
        public void request(long n) {
            if (n <= 0) {
                // Rule 3.9. Not through fail(): that would queue the error behind chunks already read, which a
                // subscriber that asks for nothing would never see it past. This error jumps the queue.
                synchronized (this) {
                    if (demandViolation == null) {
                        demandViolation = new IllegalArgumentException(
                                "request(" + n + "): demand must be positive (rule 3.9)");
                    }
                }
                abortHttp();
                drain();
                return;
            }
            demand.getAndAccumulate(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            abortHttp();
            ready.clear();
        }

        // ---- BodySubscriber (upstream) ----

        @Override
        public CompletionStage<Void> getBody() {
            return bodyDone;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            if (!body.compareAndSet(null, subscription) || cancelled) {
                subscription.cancel();
                return;
            }
            drain();
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            pauseIdleTimer();
            try {
                for (ByteBuffer buffer : buffers) {
                    long room = maxBodyBytes - bodyBytes;
                    if (buffer.remaining() > room) {
                        // What fits is parsed and delivered; the rest is never read.
                        parser.feed(buffer.slice().limit((int) room));
                        fail(new FabricResponseTooLargeException(uri, maxBodyBytes));
                        return;
                    }
                    bodyBytes += buffer.remaining();
                    parser.feed(buffer);
                }
            } catch (SseFormatException e) {
                fail(new FabricStreamException(uri, FabricStreamException.Reason.MALFORMED_EVENT, e.getMessage(),
                        null, e));
            } catch (FabricException e) {
                fail(e);
            }
            awaitingBytes.set(false);
            drain();
        }

        @Override
        public void onError(Throwable failure) {
            bodyDone.completeExceptionally(failure);
            fail(new FabricStreamException(uri, FabricStreamException.Reason.DISCONNECTED, describe(failure), null,
                    failure));
        }

        @Override
        public void onComplete() {
            bodyDone.complete(null);
            stopIdleTimer();
            if (parser.hasPartialEvent()) {
                fail(new FabricStreamException(uri, FabricStreamException.Reason.MALFORMED_EVENT,
                        "the body ended in the middle of an event", null, null));
            } else if (!lastWasComplete) {
                fail(new FabricStreamException(uri, FabricStreamException.Reason.INCOMPLETE, "", null, null));
            } else {
                finish(Terminal.COMPLETED);
            }
        }

        /** Called by the parser, on the HTTP client's thread, for each whole event. */
        private void onEvent(SseEvent event) {
            if (terminal != null) {
                return;
            }
            FabricChunk chunk = decoder.decode(event.data());
            if (chunk == null) {
                return; // an event type of a newer Fabric: skipped, see ChunkDecoder
            }
            lastWasComplete = chunk.type() == FabricChunk.Type.COMPLETE;
            if (chunk.type() == FabricChunk.Type.ERROR) {
                // Fabric follows an error with 'complete'; the error is the answer, so stop reading here.
                fail(new FabricStreamException(uri, FabricStreamException.Reason.ERROR_EVENT, chunk.content(), chunk,
                        null));
                return;
            }
            ready.add(chunk);
        }

        // ---- the serialized delivery loop ----

        private void fail(Throwable failure) {
            // Record the failure before aborting: abortHttp() cancels the response future, whose whenComplete
            // handler runs at once and would otherwise record its CancellationException (as DISCONNECTED) in
            // place of the real failure (Fabric's status, error event, idle timeout...).
            synchronized (this) {
                if (terminal == null) {
                    terminal = failure;
                }
            }
            abortHttp();
            finish(failure);
        }

        private void finish(Throwable outcome) {
            synchronized (this) {
                if (terminal == null) {
                    terminal = outcome;
                }
            }
            stopIdleTimer();
            drain();
        }

        private void drain() {
            if (drainers.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                deliverReady();
                missed = drainers.addAndGet(-missed);
            } while (missed != 0);
        }

        private void deliverReady() {
            while (!cancelled && demand.get() > 0) {
                FabricChunk chunk = ready.poll();
                if (chunk == null) {
                    break;
                }
                demand.decrementAndGet();
                downstream.onNext(chunk);
            }
            if (cancelled || terminalDelivered) {
                return;
            }
            if (demandViolation != null) {
                terminalDelivered = true;
                ready.clear();
                downstream.onError(demandViolation);
                return;
            }
            Throwable outcome = terminal;
            if (outcome == null) {
                requestBytesIfNeeded();
                return;
            }
            // Chunks read before the end are delivered before it: a partial answer is still an answer.
            if (ready.isEmpty()) {
                terminalDelivered = true;
                if (outcome == Terminal.COMPLETED) {
                    downstream.onComplete();
                } else {
                    downstream.onError(outcome);
                }
            }
        }

        private void requestBytesIfNeeded() {
            Flow.Subscription upstream = body.get();
            // After a 'complete' event, read on even without demand: the end of the body may still be unread,
            // and the subscriber is owed onComplete whether or not it asks for more. At most one buffer is read
            // ahead (what it holds waits in 'ready'), so demand still bounds the memory used.
            boolean wanted = demand.get() > 0 || lastWasComplete;
            if (upstream != null && terminal == null && wanted && ready.isEmpty()
                    && awaitingBytes.compareAndSet(false, true)) {
                armIdleTimer();
                upstream.request(1);
            }
        }

        // ---- aborting and timing out ----

        private void abortHttp() {
            stopIdleTimer();
            Flow.Subscription upstream = body.getAndSet(CANCELLED);
            if (upstream != null && upstream != CANCELLED) {
                upstream.cancel();
            }
            CompletableFuture<HttpResponse<Void>> pending = response;
            if (pending != null) {
                pending.cancel(true);
            }
        }

        /*
         * The idle timeout is a deadline that each wait for bytes moves, checked by one timer that is rescheduled
         * only when it fires. Scheduling and cancelling a timer for every chunk would wake the timer thread for
         * every chunk (docs/benchmarks.md, "Sparse streams: the wake-ups of one chunk").
         */
        private void armIdleTimer() {
            idleDeadline = System.nanoTime() + idleTimeout.toNanos();
            if (idleTimer.get() == null && !idleTimerStopped) {
                ScheduledFuture<?> timer = timeouts.schedule(this::checkIdle, idleTimeout);
                if (!idleTimer.compareAndSet(null, timer)) {
                    timer.cancel(false);
                }
            }
        }

        /** Bytes arrived: no wait is under way until the next request for bytes. */
        private void pauseIdleTimer() {
            idleDeadline = NOT_WAITING;
        }

        private void stopIdleTimer() {
            idleTimerStopped = true;
            idleDeadline = NOT_WAITING;
            ScheduledFuture<?> timer = idleTimer.getAndSet(null);
            if (timer != null) {
                timer.cancel(false);
            }
        }

        private void checkIdle() {
            if (idleTimerStopped) {
                return;
            }
            long deadline = idleDeadline;
            long left = deadline == NOT_WAITING ? idleTimeout.toNanos() : deadline - System.nanoTime();
            if (left <= 0) {
                onIdleTimeout();
                return;
            }
            ScheduledFuture<?> next = timeouts.schedule(this::checkIdle, Duration.ofNanos(left));
            idleTimer.set(next);
            if (idleTimerStopped && idleTimer.compareAndSet(next, null)) {
                next.cancel(false); // stopped meanwhile
            }
        }

        private void onIdleTimeout() {
            int status = errorStatus;
            if (status != 0) {
                fail(new FabricHttpException(uri, status, "(then nothing for " + Durations.describe(idleTimeout)
                        + " instead of its error message)"));
                return;
            }
            fail(new FabricStreamException(uri, FabricStreamException.Reason.IDLE_TIMEOUT,
                    Durations.describe(idleTimeout), null, null));
        }
    }

    // In words, never a class name: the text reaches MCP clients.
    private static String describe(Throwable failure) {
        return FabricErrors.describeTransport(failure);
    }

    /** Marks the stream's clean end; never thrown. */
    private static final class Terminal extends Throwable {
        private static final long serialVersionUID = 1L;
        static final Terminal COMPLETED = new Terminal();

        private Terminal() {
            super("completed", null, false, false);
        }
    }

    /** Stands in for the body subscription once the exchange was aborted, so a late onSubscribe is cancelled. */
    private static final Flow.Subscription CANCELLED = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

}
