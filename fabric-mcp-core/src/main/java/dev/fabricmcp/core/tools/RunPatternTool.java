package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.ChatPrompt;
import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricChunk;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.cancel.RunningCalls;
import dev.fabricmcp.core.streaming.ChunkRelay;
import dev.fabricmcp.core.streaming.OutputAssembler;
import dev.fabricmcp.core.streaming.PatternRun;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code fabric_run_pattern}: runs a pattern through Fabric's {@code /chat} and answers with the whole output; with
 * {@code stream: true} every chunk also reaches the client the moment Fabric sends it.
 */
final class RunPatternTool {

    private static final Logger LOG = LoggerFactory.getLogger(RunPatternTool.class);

    static final double DEFAULT_PENALTY = 0.0;

    private static final Set<String> PARAMETERS = Set.of("pattern_name", "input_text", "stream", "model_name",
            "vendor_name", "temperature", "top_p", "presence_penalty", "frequency_penalty", "strategy_name",
            "variables", "context_name", "session_name");

    private static final String INPUT_SCHEMA = """
            {"type": "object",
             "properties": {
               "pattern_name": {"type": "string", "minLength": 1,
                                "description": "The pattern to run, as fabric_list_patterns lists it."},
               "input_text": {"type": "string", "default": "",
                              "description": "The text the pattern works on."},
               "stream": {"type": "boolean", "default": false,
                          "description": "Relay the answer chunk by chunk while Fabric writes it (as progress notifications when the request has a progressToken, else as log messages). The result holds the whole answer either way."},
               "model_name": {"type": "string", "minLength": 1,
                              "description": "A model from fabric_list_models; Fabric's default model when left out."},
               "vendor_name": {"type": "string", "minLength": 1,
                               "description": "The vendor of model_name, e.g. Ollama; Fabric's default when left out."},
               "temperature": {"type": "number", "minimum": 0, "maximum": 2, "default": 0.7},
               "top_p": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.9},
               "presence_penalty": {"type": "number", "minimum": -2, "maximum": 2, "default": 0},
               "frequency_penalty": {"type": "number", "minimum": -2, "maximum": 2, "default": 0},
               "strategy_name": {"type": "string", "minLength": 1,
                                 "description": "A strategy from fabric_list_strategies to put before the pattern."},
               "variables": {"type": "object", "additionalProperties": {"type": "string"},
                             "description": "Values for the pattern's {{variables}}, e.g. {\\"lang_code\\": \\"fr\\"}."},
               "context_name": {"type": "string", "minLength": 1,
                                "description": "A Fabric context to put before the pattern."},
               "session_name": {"type": "string", "minLength": 1,
                                "description": "A Fabric session to continue; the answer is saved in it."}
             },
             "required": ["pattern_name"], "additionalProperties": false}""";

    private static final String OUTPUT_SCHEMA = """
            {"type": "object",
             "properties": {
               "output_format": {"type": "string", "enum": ["markdown", "mermaid"]},
               "output_text": {"type": "string"},
               "usage": {"type": "object", "properties": {"input_tokens": {"type": "integer"},
                         "output_tokens": {"type": "integer"}, "total_tokens": {"type": "integer"}}}
             },
             "required": ["output_format", "output_text"]}""";

    private final FabricClient fabric;
    private final RunningCalls runningCalls;
    private final Duration heartbeat;

    RunPatternTool(FabricClient fabric, RunningCalls runningCalls, Duration heartbeat) {
        this.fabric = fabric;
        this.runningCalls = runningCalls;
        this.heartbeat = heartbeat;
    }

    AsyncToolSpecification specification() {
        var tool = ToolSpecs.tool("fabric_run_pattern", "Run a Fabric pattern",
                "Runs a Fabric pattern on the given text with the model Fabric is configured for, and returns the "
                        + "pattern's output. Use it whenever a Fabric pattern fits the task (summarize, "
                        + "extract_wisdom, analyze_claims, ...; see fabric_list_patterns). Long answers can take "
                        + "minutes: set stream to true to receive the answer as it is written.",
                INPUT_SCHEMA, OUTPUT_SCHEMA, false);
        return ToolSpecs.spec(tool, this::run);
    }

    private Mono<McpSchema.CallToolResult> run(McpAsyncServerExchange exchange, McpSchema.CallToolRequest call) {
        ToolArguments args = ToolArguments.of("fabric_run_pattern", call.arguments(), PARAMETERS);
        boolean stream = args.flag("stream", false);
        ChatRequest request = chatRequest(args);
        String pattern = request.prompts().get(0).patternName();

        PatternRun run = new PatternRun();
        Mono<OutputAssembler> reading = stream
                ? run.relay(fabric.chat(request), ChunkRelay.forCall(exchange, call.progressToken()), heartbeat)
                : run.collect(fabric.chat(request));

        Sinks.One<RunningCalls.Stop> cancelled = Sinks.one();
        RunningCalls.Registration registration = register(exchange, cancelled);
        long started = System.nanoTime();
        return reading
                .map(output -> success(output))
                .onErrorResume(failure -> Mono.just(failure(pattern, failure, run.output())))
                .takeUntilOther(cancelled.asMono())
                .switchIfEmpty(cancelled.asMono().flatMap(stop -> stop.byClient() ? Mono.empty()
                        : Mono.just(ToolResults.failure("The run of pattern '" + pattern + "' was cancelled: "
                                + stop.reason() + ".", run.output().text()))))
                .doOnCancel(() -> LOG.info("fabric_run_pattern {}: cancelled by the client, no response sent",
                        pattern))
                .doOnNext(result -> LOG.info("fabric_run_pattern {} ({}): {} in {} ms, {} characters", pattern,
                        stream ? "streamed" : "not streamed",
                        Boolean.TRUE.equals(result.isError()) ? "failed" : "done",
                        (System.nanoTime() - started) / 1_000_000, run.output().text().length()))
                .doFinally(signal -> registration.close());
    }

    private RunningCalls.Registration register(McpAsyncServerExchange exchange,
                                               Sinks.One<RunningCalls.Stop> cancelled) {
        Object requestId = exchange.transportContext().get(RunningCalls.REQUEST_ID_KEY);
        if (requestId == null || exchange.sessionId() == null) {
            return () -> {
            };
        }
        return runningCalls.register(exchange.sessionId(), requestId, cancelled::tryEmitValue);
    }

    static ChatRequest chatRequest(ToolArguments args) {
        ChatPrompt prompt = ChatPrompt.builder()
                .patternName(args.requiredName("pattern_name",
                        "give the name of a pattern to run (see fabric_list_patterns)"))
                .userInput(args.text("input_text", ""))
                .model(args.optionalName("model_name").orElse(""))
                .vendor(args.optionalName("vendor_name").orElse(""))
                .strategyName(args.optionalName("strategy_name").orElse(""))
                .contextName(args.optionalName("context_name").orElse(""))
                .sessionName(args.optionalName("session_name").orElse(""))
                .variables(args.stringMap("variables"))
                .build();
        return ChatRequest.builder()
                .prompt(prompt)
                .temperature(args.number("temperature", 0, 2).orElse(ChatRequest.DEFAULT_TEMPERATURE))
                .topP(args.number("top_p", 0, 1).orElse(ChatRequest.DEFAULT_TOP_P))
                .presencePenalty(args.number("presence_penalty", -2, 2).orElse(DEFAULT_PENALTY))
                .frequencyPenalty(args.number("frequency_penalty", -2, 2).orElse(DEFAULT_PENALTY))
                .build();
    }

    private static McpSchema.CallToolResult success(OutputAssembler output) {
        Map<String, Object> structured = ToolSpecs.mapOf("output_format", output.format(),
                "output_text", output.text());
        output.usage().ifPresent(usage -> structured.put("usage", usageJson(usage)));
        return ToolResults.success(output.text(), structured);
    }

    private static McpSchema.CallToolResult failure(String pattern, Throwable failure, OutputAssembler output) {
        String message = PatternRun.isClientGone(failure)
                ? "The client stopped listening, so the run of pattern '" + pattern + "' was stopped."
                : FailureMessages.describe(failure);
        if (PatternRun.isClientGone(failure)) {
            LOG.info("fabric_run_pattern {}: {}", pattern, message);
        } else {
            ToolSpecs.logFailure("fabric_run_pattern " + pattern, failure);
        }
        return ToolResults.failure(message, output.text());
    }

    private static Map<String, Object> usageJson(FabricChunk.Usage usage) {
        return ToolSpecs.mapOf("input_tokens", usage.inputTokens(), "output_tokens", usage.outputTokens(),
                "total_tokens", usage.totalTokens());
    }
}
