package dev.fabricmcp.core.testing;

import dev.fabricmcp.client.FabricChunk;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Fabric's {@code /chat} stream that the test drives: it emits what the test pushes, honours demand
 * (pushed chunks wait until requested), and records when the subscriber cancels — which is what aborts the HTTP
 * exchange in the real client.
 */
public final class ScriptedChunks implements Flow.Publisher<FabricChunk> {

    private final Deque<Object> pending = new ArrayDeque<>();
    private final AtomicLong requested = new AtomicLong();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    private Flow.Subscriber<? super FabricChunk> subscriber;
    private long demand;
    private boolean done;

    @Override
    public synchronized void subscribe(Flow.Subscriber<? super FabricChunk> subscriber) {
        this.subscriber = subscriber;
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet(n);
                synchronized (ScriptedChunks.this) {
                    demand += n;
                }
                drain();
            }

            @Override
            public void cancel() {
                synchronized (ScriptedChunks.this) {
                    done = true;
                }
                cancelled.complete(null);
            }
        });
        subscribed.complete(null);
        drain();
    }

    public ScriptedChunks content(String text) {
        return push(FabricChunk.content("markdown", text));
    }

    public ScriptedChunks push(FabricChunk chunk) {
        synchronized (this) {
            pending.add(chunk);
        }
        drain();
        return this;
    }

    /** Ends the stream as Fabric does: a {@code complete} event, then the end of the body. */
    public void complete() {
        push(new FabricChunk(FabricChunk.Type.COMPLETE, "plain", "", null));
        synchronized (this) {
            pending.add(Terminal.COMPLETE);
        }
        drain();
    }

    public void fail(Throwable failure) {
        synchronized (this) {
            pending.add(failure);
        }
        drain();
    }

    /** Completes when the relay subscribed, i.e. the request was sent. */
    public CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    /** Completes when the subscriber cancelled: the real client would close Fabric's connection then. */
    public CompletableFuture<Void> cancelled() {
        return cancelled;
    }

    /** How many chunks the subscriber has asked for so far. */
    public long requested() {
        return requested.get();
    }

    private void drain() {
        while (true) {
            Object next;
            Flow.Subscriber<? super FabricChunk> target;
            synchronized (this) {
                if (subscriber == null || done || pending.isEmpty()) {
                    return;
                }
                Object head = pending.peek();
                if (head instanceof FabricChunk && demand == 0) {
                    return;
                }
                next = pending.poll();
                if (head instanceof FabricChunk) {
                    demand--;
                } else {
                    done = true;
                }
                target = subscriber;
            }
            if (next instanceof FabricChunk chunk) {
                target.onNext(chunk);
            } else if (next == Terminal.COMPLETE) {
                target.onComplete();
            } else {
                target.onError((Throwable) next);
            }
        }
    }

    private enum Terminal { COMPLETE }
}
