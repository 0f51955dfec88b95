package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.ChatPrompt;
import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.FailureKind;
import dev.fabricmcp.core.ServerObserver;
import dev.fabricmcp.core.cancel.RunningCalls;
import dev.fabricmcp.core.streaming.ChunkRelay;
import dev.fabricmcp.core.streaming.OutputAssembler;
import dev.fabricmcp.core.streaming.PatternRun;
import dev.fabricmcp.core.call.FabricTool;
import dev.fabricmcp.core.call.ToolCall;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@code fabric_run_pipeline}: runs patterns one after the other, each step's output being the next step's input, as
 * {@code fabric -p a | fabric -p b} does. The result holds the final output and every step's output; a failure keeps
 * what the earlier steps produced and what the failing step had sent, labelled. Cancelling stops the running step
 * (its Fabric connection closes) and no later step starts.
 */
record RunPipelineTool(FabricClient fabric, Duration heartbeat, ServerObserver observer) {

    private static final Logger LOG = LoggerFactory.getLogger(RunPipelineTool.class);
    static final int MAX_STEPS = 10;
    private static final Set<String> STEP_KEYS = Set.of("pattern_name", "variables", "model_name", "strategy_name");

    /** One step as the client described it. */
    record Step(String patternName, Map<String, String> variables, String model, String strategy) {
    }

    private static final Param<List<Step>> STEPS = Param.required("steps",
            "The patterns to run, in order (1 to " + MAX_STEPS + "); each step's output is the next one's input.",
            ToolSpecs.mapOf("type", "array", "minItems", 1, "maxItems", MAX_STEPS, "items", ToolSpecs.mapOf(
                    "type", "object",
                    "properties", ToolSpecs.mapOf(
                            "pattern_name", Map.of("type", "string", "minLength", 1,
                                    "description", "The step's pattern, as fabric_list_patterns lists it."),
                            "variables", Map.of("type", "object", "additionalProperties", Map.of("type", "string"),
                                    "description", "Values for the pattern's {{variables}}."),
                            "model_name", Map.of("type", "string", "minLength", 1,
                                    "description", "A model from fabric_list_models; Fabric's default when left out."),
                            "strategy_name", Map.of("type", "string", "minLength", 1,
                                    "description", "A strategy from fabric_list_strategies.")),
                    "required", List.of("pattern_name"), "additionalProperties", false)),
            "give the patterns to run, e.g. [{\"pattern_name\": \"extract_wisdom\"}, {\"pattern_name\": \"summarize\"}]",
            RunPipelineTool::steps);
    private static final Param<String> INPUT_TEXT = Param.text("input_text", "The text the first step works on.", "");
    private static final Param<Boolean> STREAM = Param.flag("stream",
            "Relay every step's answer chunk by chunk while Fabric writes it; each progress notification says which "
                    + "step it belongs to. The result holds every output either way.", false);

    static final ToolDeclaration DECLARATION = ToolDeclaration.writing("fabric_run_pipeline",
            "Run Fabric patterns as a pipeline",
            "Runs several Fabric patterns in a row, feeding each step's output to the next, like "
                    + "`fabric -p extract_wisdom | fabric -p summarize`. Returns the final output and every step's "
                    + "output. Set stream to true to receive each step's answer as it is written.",
            """
                    {"type": "object",
                     "properties": {
                       "final_output": {"type": "string"},
                       "steps": {"type": "array", "items": {"type": "object",
                                 "properties": {"step": {"type": "integer"}, "pattern_name": {"type": "string"},
                                                "status": {"type": "string",
                                                           "enum": ["done", "failed", "cancelled", "not run"]},
                                                "output_text": {"type": "string"}},
                                 "required": ["step", "pattern_name", "status", "output_text"]}},
                       "error": {"type": "string"},
                       "failed_step": {"type": "integer"}
                     },
                     "required": ["steps"]}""",
            STEPS, INPUT_TEXT, STREAM);

    FabricTool specification() {
        return ToolSpecs.spec(DECLARATION, this::run);
    }

    private Mono<McpSchema.CallToolResult> run(ToolCall call) {
        ToolArguments args = DECLARATION.arguments(call.arguments());
        List<Step> steps = args.get(STEPS);
        ChunkRelay relay = args.get(STREAM) ? ChunkRelay.forCall(call, call.progressToken()) : null;
        Progress progress = new Progress(steps, observer);

        // Each step is assembled only when the one before has finished: nothing later starts after a cancel.
        Mono<String> chain = Mono.just(args.get(INPUT_TEXT));
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            chain = chain.flatMap(input -> runStep(index, input, progress, relay));
        }
        Mono<RunningCalls.Stop> cancelled = call.stopped();
        return chain
                .map(output -> ToolResults.success(output, progress.json(null, -1)))
                .onErrorResume(failure -> Mono.just(failed(progress, failure)))
                .takeUntilOther(cancelled)
                .switchIfEmpty(cancelled.flatMap(stop -> stop.byClient() ? Mono.empty()
                        : Mono.just(progress.failure(FailureKind.STOPPED, "The pipeline was cancelled at "
                                + progress.currentLabel() + ": " + stop.reason() + ".", "cancelled"))))
                .doOnCancel(() -> LOG.info("fabric_run_pipeline: cancelled by the client at {}, no response sent",
                        progress.currentLabel()));
    }

    private Mono<String> runStep(int index, String input, Progress progress, ChunkRelay relay) {
        Step step = progress.steps.get(index);
        PatternRun run = progress.start(index);
        ChatRequest request = ChatRequest.builder().prompt(ChatPrompt.builder()
                .patternName(step.patternName())
                .userInput(input)
                .model(step.model())
                .strategyName(step.strategy())
                .variables(step.variables())
                .build()).build();
        if (relay == null) {
            return run.collect(fabric.chat(request)).map(OutputAssembler::text);
        }
        ChunkRelay stepRelay = relay.forStep(new ChunkRelay.Step(index + 1, progress.steps.size(), step.patternName()));
        return stepRelay.announce("started")
                .then(Mono.defer(() -> run.relay(fabric.chat(request), stepRelay, heartbeat)))
                .map(OutputAssembler::text);
    }

    private static McpSchema.CallToolResult failed(Progress progress, Throwable failure) {
        String label = progress.currentLabel();
        if (PatternRun.isClientGone(failure)) {
            LOG.info("fabric_run_pipeline: the client stopped listening at {}", label);
            return progress.failure(FailureKind.CLIENT_GONE, "The client stopped listening, so the pipeline was"
                    + " stopped at " + label + ".", "cancelled");
        }
        ToolSpecs.logFailure("fabric_run_pipeline " + label, failure);
        return progress.failure(FailureMessages.kind(failure),
                capitalised(label) + " failed: " + FailureMessages.describe(failure), "failed");
    }

    /** What each step has produced so far: done, running (with its partial output) or not yet started. */
    private static final class Progress {
        final List<Step> steps;
        private final ServerObserver observer;
        private final List<PatternRun> runs = new ArrayList<>();

        Progress(List<Step> steps, ServerObserver observer) {
            this.steps = steps;
            this.observer = observer;
        }

        synchronized PatternRun start(int index) {
            PatternRun run = new PatternRun(observer);
            runs.add(run);
            return run;
        }

        synchronized String currentLabel() {
            int index = Math.max(runs.size() - 1, 0);
            return "step " + (index + 1) + " of " + steps.size() + " (" + steps.get(index).patternName() + ")";
        }

        /** An isError result: the message, then every output so far, each labelled. */
        synchronized McpSchema.CallToolResult failure(FailureKind kind, String message, String status) {
            int current = runs.size() - 1;
            List<String> texts = new ArrayList<>();
            for (int i = 0; i <= current; i++) {
                String output = runs.get(i).output().text();
                String name = steps.get(i).patternName();
                if (i < current) {
                    texts.add("[output of step " + (i + 1) + " (" + name + ")]\n" + output);
                } else if (!output.isEmpty()) {
                    texts.add("[partial output of step " + (i + 1) + " (" + name + "): the " + output.length()
                            + " characters Fabric sent before it stopped]\n" + output);
                }
            }
            Map<String, Object> json = json(status, current);
            json.put("error", message);
            json.put("failed_step", current + 1);
            return ToolResults.failure(kind, message, texts, json);
        }

        /** The steps as structured content; {@code stopped} is the status of step {@code current}, null if none. */
        synchronized Map<String, Object> json(String stopped, int current) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                String status = i >= runs.size() ? "not run" : stopped != null && i == current ? stopped : "done";
                list.add(ToolSpecs.mapOf("step", i + 1, "pattern_name", steps.get(i).patternName(),
                        "status", status, "output_text", i < runs.size() ? runs.get(i).output().text() : ""));
            }
            Map<String, Object> json = ToolSpecs.mapOf("steps", list);
            if (stopped == null) {
                json.put("final_output", runs.get(runs.size() - 1).output().text());
            }
            return json;
        }
    }

    /** Reads {@code steps}: a non-empty array of step objects, each checked like a tool's own arguments. */
    private static List<Step> steps(String name, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_STEPS) {
            throw new ArgumentException(name + " must be an array of 1 to " + MAX_STEPS + " steps such as "
                    + "{\"pattern_name\": \"summarize\"}, got " + ToolArguments.describe(value) + ".");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = name + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> step)) {
                throw new ArgumentException(where + " must be an object such as {\"pattern_name\": \"summarize\"}, got "
                        + ToolArguments.describe(list.get(i)) + ".");
            }
            Set<String> unknown = new TreeSet<>();
            step.keySet().forEach(key -> unknown.add(String.valueOf(key)));
            unknown.removeAll(STEP_KEYS);
            if (!unknown.isEmpty()) {
                throw new ArgumentException(where + " has unknown member" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown) + ". A step accepts: " + String.join(", ", new TreeSet<>(STEP_KEYS))
                        + ".");
            }
            if (step.get("pattern_name") == null) {
                throw new ArgumentException(where + ".pattern_name is required: give the step's pattern (see "
                        + "fabric_list_patterns).");
            }
            steps.add(new Step(ToolArguments.nonBlank(where + ".pattern_name", step.get("pattern_name")),
                    step.get("variables") == null ? Map.of()
                            : ToolArguments.stringMap(where + ".variables", step.get("variables")),
                    optionalName(where + ".model_name", step.get("model_name")),
                    optionalName(where + ".strategy_name", step.get("strategy_name"))));
        }
        return List.copyOf(steps);
    }

    private static String optionalName(String name, Object value) {
        return value == null ? "" : ToolArguments.nonBlank(name, value);
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
