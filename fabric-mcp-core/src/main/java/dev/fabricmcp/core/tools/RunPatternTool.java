package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.ChatPrompt;
import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricChunk;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.FailureKind;
import dev.fabricmcp.core.LogText;
import dev.fabricmcp.core.ServerObserver;
import dev.fabricmcp.core.cancel.RunningCalls;
import dev.fabricmcp.core.streaming.ChunkRelay;
import dev.fabricmcp.core.streaming.OutputAssembler;
import dev.fabricmcp.core.streaming.PatternRun;
import dev.fabricmcp.core.call.FabricTool;
import dev.fabricmcp.core.call.ToolCall;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@code fabric_run_pattern}: runs a pattern through Fabric's {@code /chat} and answers with the whole output; with
 * {@code stream: true} every chunk also reaches the client the moment Fabric sends it.
 */
record RunPatternTool(FabricClient fabric, Duration heartbeat, ServerObserver observer) {

    private static final Logger LOG = LoggerFactory.getLogger(RunPatternTool.class);

    private static final Param<String> PATTERN_NAME = Param.requiredName("pattern_name",
            "The pattern to run, as fabric_list_patterns lists it.",
            "give the name of a pattern to run (see fabric_list_patterns)");
    private static final Param<String> INPUT_TEXT = Param.text("input_text", "The text the pattern works on.", "");
    private static final Param<Boolean> STREAM = Param.flag("stream",
            "Relay the answer chunk by chunk while Fabric writes it (as progress notifications when the request "
                    + "has a progressToken, else as log messages). The result holds the whole answer either way.",
            false);
    private static final Param<Optional<String>> MODEL_NAME = Param.name("model_name",
            "A model from fabric_list_models; Fabric's default model when left out.");
    private static final Param<Optional<String>> VENDOR_NAME = Param.name("vendor_name",
            "The vendor of model_name, e.g. Ollama; Fabric's default when left out.");
    private static final Param<Double> TEMPERATURE = Param.number("temperature", null, 0, 2,
            ChatRequest.DEFAULT_TEMPERATURE);
    private static final Param<Double> TOP_P = Param.number("top_p", null, 0, 1, ChatRequest.DEFAULT_TOP_P);
    private static final Param<Double> PRESENCE_PENALTY = Param.number("presence_penalty", null, -2, 2, 0);
    private static final Param<Double> FREQUENCY_PENALTY = Param.number("frequency_penalty", null, -2, 2, 0);
    private static final Param<Optional<String>> STRATEGY_NAME = Param.name("strategy_name",
            "A strategy from fabric_list_strategies to put before the pattern.");
    private static final Param<Map<String, String>> VARIABLES = Param.stringMap("variables",
            "Values for the pattern's {{variables}}, e.g. {\"lang_code\": \"fr\"}.");
    private static final Param<Optional<String>> CONTEXT_NAME = Param.name("context_name",
            "A Fabric context to put before the pattern.");
    private static final Param<Optional<String>> SESSION_NAME = Param.name("session_name",
            "A Fabric session to continue; the answer is saved in it.");

    private static final String OUTPUT_SCHEMA = """
            {"type": "object",
             "properties": {
               "output_format": {"type": "string", "enum": ["markdown", "mermaid"]},
               "output_text": {"type": "string"},
               "usage": {"type": "object", "properties": {"input_tokens": {"type": "integer"},
                         "output_tokens": {"type": "integer"}, "total_tokens": {"type": "integer"}}}
             },
             "required": ["output_format", "output_text"]}""";

    static final ToolDeclaration DECLARATION = ToolDeclaration.writing("fabric_run_pattern", "Run a Fabric pattern",
            "Runs a Fabric pattern on the given text with the model Fabric is configured for, and returns the "
                    + "pattern's output. Use it whenever a Fabric pattern fits the task (summarize, "
                    + "extract_wisdom, analyze_claims, ...; see fabric_list_patterns). Long answers can take "
                    + "minutes: set stream to true to receive the answer as it is written.",
            OUTPUT_SCHEMA, PATTERN_NAME, INPUT_TEXT, STREAM, MODEL_NAME, VENDOR_NAME, TEMPERATURE, TOP_P,
            PRESENCE_PENALTY, FREQUENCY_PENALTY, STRATEGY_NAME, VARIABLES, CONTEXT_NAME, SESSION_NAME);

    FabricTool specification() {
        return ToolSpecs.spec(DECLARATION, this::run);
    }

    private Mono<McpSchema.CallToolResult> run(ToolCall call) {
        ToolArguments args = DECLARATION.arguments(call.arguments());
        boolean stream = args.get(STREAM);
        ChatRequest request = chatRequest(args);
        String pattern = request.prompts().get(0).patternName();
        String loggedPattern = LogText.of(pattern);

        PatternRun run = new PatternRun(observer);
        Mono<OutputAssembler> reading = stream
                ? run.relay(fabric.chat(request), ChunkRelay.forCall(call, call.progressToken()), heartbeat)
                : run.collect(fabric.chat(request));

        Mono<RunningCalls.Stop> cancelled = call.stopped();
        long started = System.nanoTime();
        RunLogContext logContext = new RunLogContext(pattern, call);
        return reading
                .map(output -> success(output))
                .onErrorResume(failure -> Mono.just(logContext.within(
                        () -> failure(pattern, loggedPattern, failure, run.output()))))
                .takeUntilOther(cancelled)
                .switchIfEmpty(cancelled.flatMap(stop -> stop.byClient() ? Mono.empty()
                        : Mono.just(ToolResults.failure(FailureKind.STOPPED, "The run of pattern '" + pattern
                                + "' was cancelled: " + stop.reason() + ".", run.output().text()))))
                .doOnCancel(() -> logContext.log(() -> LOG.info(
                        "fabric_run_pattern {}: cancelled by the client, no response sent", loggedPattern)))
                .doOnNext(result -> logContext.log(() -> LOG.info(
                        "fabric_run_pattern {} ({}): {} in {} ms, {} characters", loggedPattern,
                        stream ? "streamed" : "not streamed",
                        Boolean.TRUE.equals(result.isError()) ? "failed" : "done",
                        (System.nanoTime() - started) / 1_000_000, run.output().text().length())));
    }

    static ChatRequest chatRequest(ToolArguments args) {
        ChatPrompt prompt = ChatPrompt.builder()
                .patternName(args.get(PATTERN_NAME))
                .userInput(args.get(INPUT_TEXT))
                .model(args.get(MODEL_NAME).orElse(""))
                .vendor(args.get(VENDOR_NAME).orElse(""))
                .strategyName(args.get(STRATEGY_NAME).orElse(""))
                .contextName(args.get(CONTEXT_NAME).orElse(""))
                .sessionName(args.get(SESSION_NAME).orElse(""))
                .variables(args.get(VARIABLES))
                .build();
        return ChatRequest.builder()
                .prompt(prompt)
                .temperature(args.get(TEMPERATURE))
                .topP(args.get(TOP_P))
                .presencePenalty(args.get(PRESENCE_PENALTY))
                .frequencyPenalty(args.get(FREQUENCY_PENALTY))
                .build();
    }

    private static McpSchema.CallToolResult success(OutputAssembler output) {
        Map<String, Object> structured = ToolSpecs.mapOf("output_format", output.format(),
                "output_text", output.text());
        output.usage().ifPresent(usage -> structured.put("usage", usageJson(usage)));
        return ToolResults.success(output.text(), structured);
    }

    private static McpSchema.CallToolResult failure(String pattern, String loggedPattern, Throwable failure,
                                                    OutputAssembler output) {
        boolean clientGone = PatternRun.isClientGone(failure);
        String message = clientGone
                ? "The client stopped listening, so the run of pattern '" + pattern + "' was stopped."
                : FailureMessages.describe(failure);
        if (clientGone) {
            LOG.info("fabric_run_pattern {}: {}", loggedPattern, message);
        } else {
            ToolSpecs.logFailure("fabric_run_pattern " + loggedPattern, failure);
        }
        return ToolResults.failure(clientGone ? FailureKind.CLIENT_GONE : FailureMessages.kind(failure),
                message, output.text());
    }

    private static Map<String, Object> usageJson(FabricChunk.Usage usage) {
        return ToolSpecs.mapOf("input_tokens", usage.inputTokens(), "output_tokens", usage.outputTokens(),
                "total_tokens", usage.totalTokens());
    }
}
