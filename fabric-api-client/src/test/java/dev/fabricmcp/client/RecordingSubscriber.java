package dev.fabricmcp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link Flow.Subscriber} that records what it is sent and checks the publisher keeps the Reactive Streams rules
 * it can see: no {@code onNext} beyond the demand it granted, nothing after a terminal signal, one terminal signal.
 * Every wait has a timeout, so a publisher that never signals fails the test instead of hanging it.
 */
final class RecordingSubscriber implements Flow.Subscriber<FabricChunk> {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final long initialRequest;
    private final List<FabricChunk> chunks = new CopyOnWriteArrayList<>();
    private final BlockingQueue<FabricChunk> arrivals = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    private final AtomicLong granted = new AtomicLong();
    private final AtomicInteger terminalSignals = new AtomicInteger();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile Consumer<FabricChunk> onEachChunk = chunk -> { };

    private RecordingSubscriber(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    /** Requests everything as soon as it is subscribed. */
    static RecordingSubscriber unbounded() {
        return new RecordingSubscriber(Long.MAX_VALUE);
    }

    /** Requests {@code n} chunks when subscribed, then only what the test requests. */
    static RecordingSubscriber requesting(long n) {
        return new RecordingSubscriber(n);
    }

    /** Runs {@code action} inside {@code onNext}, after the chunk was recorded. */
    RecordingSubscriber onEachChunk(Consumer<FabricChunk> action) {
        this.onEachChunk = action;
        return this;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.complete(s)) {
            violations.add("onSubscribe called twice");
            return;
        }
        if (initialRequest > 0) {
            request(initialRequest);
        }
    }

    @Override
    public void onNext(FabricChunk chunk) {
        if (terminalSignals.get() > 0) {
            violations.add("onNext after a terminal signal: " + chunk);
        }
        if (chunks.size() + 1 > granted.get()) {
            violations.add("onNext beyond demand: chunk #" + (chunks.size() + 1) + " with " + granted.get()
                    + " requested");
        }
        chunks.add(chunk);
        arrivals.add(chunk);
        onEachChunk.accept(chunk);
    }

    @Override
    public void onError(Throwable failure) {
        if (terminalSignals.incrementAndGet() > 1) {
            violations.add("a second terminal signal: onError(" + failure + ")");
        }
        outcome.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        if (terminalSignals.incrementAndGet() > 1) {
            violations.add("a second terminal signal: onComplete");
        }
        outcome.complete(null);
    }

    /** Asks for {@code n} more chunks; the demand is counted before the request so a synchronous onNext is fair. */
    void request(long n) {
        if (n > 0) {
            granted.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }
        subscription().request(n);
    }

    void cancel() {
        subscription().cancel();
    }

    Flow.Subscription subscription() {
        try {
            return subscription.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("onSubscribe was not called within " + WAIT, e);
        }
    }

    /** The next chunk, waiting for it to arrive. */
    FabricChunk awaitNextChunk() {
        try {
            FabricChunk chunk = arrivals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (chunk == null) {
                fail("no chunk arrived within " + WAIT + "; received so far: " + chunks + ", outcome: "
                        + describeOutcome());
            }
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for {@code onComplete} and returns every chunk received. */
    List<FabricChunk> awaitCompletion() {
        try {
            outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected onComplete, got onError after " + chunks, e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no onComplete within " + WAIT + "; received " + chunks, e);
        }
        assertWellBehaved();
        return List.copyOf(chunks);
    }

    /** Waits for {@code onError} and returns its exception, checked to be of the given type. */
    <T extends Throwable> T awaitError(Class<T> type) {
        try {
            outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            assertWellBehaved();
            return assertInstanceOf(type, e.getCause(), () -> "onError got " + e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no onError within " + WAIT + "; received " + chunks, e);
        }
        throw new AssertionError("expected onError(" + type.getSimpleName() + "), got onComplete after " + chunks);
    }

    /** Whether a terminal signal arrived. */
    boolean isTerminated() {
        return outcome.isDone();
    }

    List<FabricChunk> chunks() {
        return List.copyOf(chunks);
    }

    /** The texts of the content chunks received, in order. */
    List<String> contents() {
        List<String> texts = new ArrayList<>();
        for (FabricChunk chunk : chunks) {
            if (chunk.type() == FabricChunk.Type.CONTENT) {
                texts.add(chunk.content());
            }
        }
        return texts;
    }

    void assertWellBehaved() {
        assertTrue(violations.isEmpty(), () -> "the publisher broke the Flow rules: " + violations);
        assertTrue(terminalSignals.get() <= 1, "more than one terminal signal");
        assertNotNull(subscription.getNow(null), "onSubscribe was never called");
    }

    void assertReceivedExactly(int count) {
        assertEquals(count, chunks.size(), () -> "chunks received: " + chunks);
    }

    private String describeOutcome() {
        if (!outcome.isDone()) {
            return "none";
        }
        try {
            outcome.getNow(null);
            return "onComplete";
        } catch (RuntimeException e) {
            return "onError(" + e.getCause() + ")";
        }
    }
}
