package dev.fabricmcp.core.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricChunk;
import dev.fabricmcp.client.FabricClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What fabric-mcp asks of Fabric's {@code /chat} stream: wraps a real client so that the test can read how many
 * chunks the server has requested so far. The chunks themselves come from the emulator, through the real client;
 * nothing is invented here. That demand is how a server that reads no faster than it relays shows itself.
 */
public final class DemandProbe {

    private final AtomicLong requested = new AtomicLong();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();

    /** {@code client}, unchanged but for every {@code /chat} stream it opens being watched by this probe. */
    @SuppressWarnings("unchecked")
    public FabricClient watching(FabricClient client) {
        FabricClient watched = spy(client);
        doAnswer(call -> watched((Flow.Publisher<FabricChunk>) call.callRealMethod()))
                .when(watched).chat(any(ChatRequest.class));
        return watched;
    }

    /** How many chunks the server has asked for so far, on every stream. */
    public long requested() {
        return requested.get();
    }

    /** Completes when the server subscribed to a stream, i.e. sent its request to Fabric. */
    public CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    private Flow.Publisher<FabricChunk> watched(Flow.Publisher<FabricChunk> stream) {
        return subscriber -> stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        requested.addAndGet(n);
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        subscription.cancel();
                    }
                });
                subscribed.complete(null);
            }

            @Override
            public void onNext(FabricChunk chunk) {
                subscriber.onNext(chunk);
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
