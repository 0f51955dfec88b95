package dev.fabricmcp.core.tools;

import dev.fabricmcp.core.LogText;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.fabricmcp.core.cancel.RunningCalls;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** Builds tool specifications the same way for every tool: argument checks, threads and failures. */
final class ToolSpecs {

    private static final Logger LOG = LoggerFactory.getLogger(ToolSpecs.class);

    private ToolSpecs() {
    }

    /**
     * A tool whose work is one Fabric call. The call holds no thread while Fabric answers, so calls stuck on Fabric
     * never make another tool wait (a blocking call on Reactor's bounded pool did: 10 threads per core); disposing
     * the tool's pipeline (a cancelled call, a closed session) cancels the call, which closes its connection to
     * Fabric. Every failure becomes an {@code isError} result.
     */
    static <T> McpServerFeatures.AsyncToolSpecification fabricCall(ToolDeclaration tool,
            Function<ToolArguments, CompletableFuture<T>> call, Function<T, McpSchema.CallToolResult> result) {
        return spec(tool, (exchange, request) -> {
            ToolArguments arguments = tool.arguments(request.arguments());
            return Mono.fromFuture(() -> call.apply(arguments), false).map(result);
        });
    }

    /**
     * A tool whose work is local but may block (a first load of the pattern library): it runs on Reactor's bounded
     * elastic pool so it never holds up a transport thread. A tool whose work is a Fabric call uses
     * {@link #fabricCall} instead, which holds no thread at all.
     */
    static McpServerFeatures.AsyncToolSpecification blocking(ToolDeclaration tool,
            Function<ToolArguments, Callable<McpSchema.CallToolResult>> work) {
        return spec(tool, (exchange, request) -> {
            Callable<McpSchema.CallToolResult> call = work.apply(tool.arguments(request.arguments()));
            return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
        });
    }

    /** A tool from an asynchronous handler; argument errors and unexpected failures become {@code isError} results. */
    static McpServerFeatures.AsyncToolSpecification spec(ToolDeclaration tool,
            BiFunction<McpAsyncServerExchange, McpSchema.CallToolRequest, Mono<McpSchema.CallToolResult>> handler) {
        return McpServerFeatures.AsyncToolSpecification.builder()
                .tool(tool.tool())
                .callHandler((exchange, request) -> Mono.defer(() -> handler.apply(exchange, request))
                        .onErrorResume(failure -> Mono.just(failureResult(tool.name(), failure))))
                .build();
    }

    static McpSchema.CallToolResult failureResult(String toolName, Throwable failure) {
        logFailure(toolName, failure);
        return ToolResults.failure(FailureMessages.describe(failure));
    }

    /** Logs a tool's failure: one line when expected, the stack trace when it is a bug. */
    static void logFailure(String toolName, Throwable failure) {
        if (FailureMessages.isExpected(failure)) {
            LOG.info("{} failed: {}", toolName, LogText.of(failure.getMessage()));
        } else {
            LOG.warn("{} failed unexpectedly", toolName, failure);
        }
    }

    /**
     * Registers a running call so that {@code notifications/cancelled} for it (or the end of its session) emits into
     * {@code stop}; a call without a request id or session (in-memory tests) cannot be cancelled and registers nothing.
     */
    static RunningCalls.Registration registerCall(RunningCalls calls, McpAsyncServerExchange exchange,
                                                  Sinks.One<RunningCalls.Stop> stop) {
        Object requestId = exchange.transportContext().get(RunningCalls.REQUEST_ID_KEY);
        if (requestId == null || exchange.sessionId() == null) {
            return () -> {
            };
        }
        return calls.register(exchange.sessionId(), requestId, stop::tryEmitValue);
    }

    static Map<String, Object> mapOf(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
