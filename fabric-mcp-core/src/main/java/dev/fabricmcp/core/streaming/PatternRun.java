package dev.fabricmcp.core.streaming;

import dev.fabricmcp.client.FabricChunk;
import dev.fabricmcp.core.MemoryExhausted;
import dev.fabricmcp.core.ServerObserver;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Reads one {@code /chat} stream to its end, collecting the answer and, when streaming, relaying each chunk as it
 * arrives. At most {@link #WINDOW} chunks wait between Fabric and a slow client: the relay requests more from
 * Fabric only as the client takes them, so memory stays bounded whatever the answer's length. Cancelling the
 * returned Mono cancels the Fabric stream, which closes its HTTP connection.
 */
public final class PatternRun {

    /** How many chunks may be read ahead of the client. */
    static final int WINDOW = 32;

    private final OutputAssembler output = new OutputAssembler();
    private final ServerObserver observer;
    private final long started = System.nanoTime();
    private final AtomicBoolean firstChunk = new AtomicBoolean();

    /** A run that tells nobody about its chunks. */
    public PatternRun() {
        this(ServerObserver.NONE);
    }

    /** A run that tells {@code observer} when its first chunk arrives and each time it relays one. */
    public PatternRun(ServerObserver observer) {
        this.observer = observer;
    }

    /** The answer as collected so far; after the Mono ends, all of it. */
    public OutputAssembler output() {
        return output;
    }

    /** Reads the stream without relaying: {@code stream: false}. */
    public Mono<OutputAssembler> collect(Flow.Publisher<FabricChunk> chunks) {
        return fromFabric(chunks).doOnNext(this::add).then(Mono.just(output));
    }

    /**
     * Reads the stream and relays each content and usage chunk through {@code relay}. While Fabric has sent
     * nothing, {@code relay.waiting} is called every {@code heartbeat}.
     *
     * @return the assembled output; fails with Fabric's failure, or with a {@link ClientGoneException} when the
     *         client stopped listening
     */
    public Mono<OutputAssembler> relay(Flow.Publisher<FabricChunk> chunks, ChunkRelay relay, Duration heartbeat) {
        Sinks.One<Boolean> firstSignal = Sinks.one();
        Flux<Step> fromFabric = fromFabric(chunks)
                .doOnEach(signal -> firstSignal.tryEmitValue(Boolean.TRUE))
                .doOnNext(this::add)
                .filter(chunk -> chunk.type() == FabricChunk.Type.CONTENT || chunk.type() == FabricChunk.Type.USAGE)
                .map(Step::chunk)
                // Fabric's failure waits its turn: every chunk read before it is relayed first, even when the
                // client's stream is slower than Fabric (a send completes only once written).
                .onErrorResume(failure -> Mono.just(Step.failed(failure)));
        Flux<Step> heartbeats = Flux.interval(heartbeat, heartbeat)
                .map(tick -> Step.waiting(heartbeat.multipliedBy(tick + 1)))
                .takeUntilOther(firstSignal.asMono());
        // One sequence of sends, so notifications leave in order and progress only ever increases.
        return Flux.merge(WINDOW, fromFabric, heartbeats)
                .concatMap(step -> send(relay, step), WINDOW)
                .then(Mono.just(output));
    }

    private Mono<Void> send(ChunkRelay relay, Step step) {
        if (step.failure() != null) {
            return Mono.error(step.failure());
        }
        Mono<Void> sent = step.chunk() != null
                ? relay.send(step.chunk()).doOnSuccess(done -> observer.chunkRelayed())
                : relay.waiting(step.waitingMessage());
        return sent.onErrorMap(ClientGoneException::new);
    }

    /** Fabric's chunks, running out of memory signalled as an ordinary failure (see {@link MemoryExhausted}). */
    private static Flux<FabricChunk> fromFabric(Flow.Publisher<FabricChunk> chunks) {
        return JdkFlowAdapter.flowPublisherToFlux(chunks).onErrorMap(MemoryExhausted::tame);
    }

    private void add(FabricChunk chunk) {
        if (firstChunk.compareAndSet(false, true)) {
            observer.firstChunk(Duration.ofNanos(System.nanoTime() - started));
        }
        try {
            output.add(chunk);
        } catch (OutOfMemoryError e) {
            throw new MemoryExhausted(e); // the answer collector: the call gets its result all the same
        }
    }

    /** Whether a failure means the client stopped listening (as opposed to Fabric failing). */
    public static boolean isClientGone(Throwable failure) {
        return failure instanceof ClientGoneException;
    }

    private record Step(FabricChunk chunk, String waitingMessage, Throwable failure) {
        static Step chunk(FabricChunk chunk) {
            return new Step(chunk, null, null);
        }

        static Step waiting(Duration waited) {
            return new Step(null, "waiting for Fabric… (" + waited.toSeconds() + " s, nothing received yet)", null);
        }

        static Step failed(Throwable failure) {
            return new Step(null, null, failure);
        }
    }
}
