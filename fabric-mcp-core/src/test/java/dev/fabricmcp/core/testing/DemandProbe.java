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
import reactor.adapter.JdkFlowAdapter;

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

    /** Completes when the server first asked a stream for chunks: it has subscribed and sent its request. */
    public CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    /** {@code stream} as it is, but for the demand of its subscriber being counted on the way up. */
    private Flow.Publisher<FabricChunk> watched(Flow.Publisher<FabricChunk> stream) {
        return JdkFlowAdapter.publisherToFlowPublisher(JdkFlowAdapter.flowPublisherToFlux(stream)
                .doOnRequest(n -> {
                    requested.addAndGet(n);
                    subscribed.complete(null);
                }));
    }
}
