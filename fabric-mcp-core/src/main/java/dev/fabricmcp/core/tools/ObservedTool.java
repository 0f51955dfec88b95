package dev.fabricmcp.core.tools;

import dev.fabricmcp.core.FailureKind;
import dev.fabricmcp.core.ServerObserver;
import dev.fabricmcp.core.ServerObserver.Outcome;
import dev.fabricmcp.core.call.FabricTool;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/** Tells a {@link ServerObserver} when each call of a tool begins and how it ends, whatever the tool. */
final class ObservedTool {

    private ObservedTool() {
    }

    static FabricTool observed(FabricTool spec, ServerObserver observer) {
        if (observer == ServerObserver.NONE) {
            return spec;
        }
        String tool = spec.name();
        return new FabricTool(spec.definition(), call -> Mono.defer(() -> {
            observer.toolCallStarted(tool);
            long started = System.nanoTime();
            AtomicBoolean ended = new AtomicBoolean();
            Runnable cancelled = () -> end(observer, tool, Outcome.CANCELLED, null, started, ended);
            return spec.call(call)
                    .doOnNext(result -> {
                        FailureKind failure = ToolResults.kind(result).orElse(null);
                        end(observer, tool, failure == null ? Outcome.OK : Outcome.ERROR, failure, started, ended);
                    })
                    .doOnError(failure -> end(observer, tool, Outcome.ERROR, FailureMessages.kind(failure), started,
                            ended))
                    // A call cancelled by its client completes empty (or is cancelled) and gets no result.
                    .doOnSuccess(result -> {
                        if (result == null) {
                            cancelled.run();
                        }
                    })
                    .doOnCancel(cancelled);
        }));
    }

    private static void end(ServerObserver observer, String tool, Outcome outcome, FailureKind failure, long started,
                            AtomicBoolean ended) {
        if (ended.compareAndSet(false, true)) {
            observer.toolCallEnded(tool, outcome, failure, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
