package dev.fabricmcp.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The emulator's own answer to a prompt, built so tests can read back what was sent: it names the pattern,
 * echoes the input (the first {@value #MAX_ECHOED_WORDS} words) and lists the effective options, e.g.
 * <pre>Pattern summarize applied to: Hello world. Options: vendor=LiteLLM model=fake-model temperature=0.7 ...</pre>
 * It is streamed one word per content chunk (a leading space on every word but the first), as token
 * streaming would. For patterns whose name contains {@code mermaid} the answer is a small Mermaid diagram
 * streamed line by line, whose first chunk starts with {@code graph TD} (so it gets format {@code mermaid}).
 */
final class DefaultAnswer {

    static final int MAX_ECHOED_WORDS = 200;

    /** The chunks to stream and the usage to report. */
    record Answer(List<String> chunks, TokenUsage usage) {
        String text() {
            return String.join("", chunks);
        }
    }

    private DefaultAnswer() {
    }

    static Answer build(ChatRequest request, PromptRequest p, PreparedPrompt prepared) {
        String sentence = describe(request, p, prepared);
        List<String> chunks = new ArrayList<>();
        if (p.patternName().contains("mermaid")) {
            chunks.add("graph TD\n");
            chunks.add("    A[Input] --> B[" + p.patternName() + "]\n");
            chunks.add("    B --> C[Diagram]\n");
            chunks.add("%% " + sentence.replace('\n', ' ').replace('\r', ' ') + "\n");
        } else {
            String[] words = sentence.split(" ", -1);
            for (int i = 0; i < words.length; i++) {
                chunks.add(i == 0 ? words[i] : " " + words[i]);
            }
        }
        int input = countWords(prepared.systemMessage()) + countWords(prepared.userMessage());
        return new Answer(List.copyOf(chunks), TokenUsage.of(input, chunks.size()));
    }

    private static String describe(ChatRequest request, PromptRequest p, PreparedPrompt prepared) {
        String lead = p.patternName().isEmpty() ? "Answer to: " : "Pattern " + p.patternName() + " applied to: ";
        ChatOptions o = request.options();
        return lead + echo(p.userInput()) + ". Options:"
                + " vendor=" + prepared.vendor()
                + " model=" + orNone(prepared.model())
                + " temperature=" + number(o.temperature())
                + " topP=" + number(o.topP())
                + " presencePenalty=" + number(o.presencePenalty())
                + " frequencyPenalty=" + number(o.frequencyPenalty())
                + " thinking=" + orNone(o.thinking())
                + " search=" + o.search()
                + (o.searchLocation().isEmpty() ? "" : " searchLocation=" + o.searchLocation())
                + " language=" + orNone(request.language())
                + " modelContextLength=" + request.modelContextLength()
                + " context=" + orNone(p.contextName())
                + " strategy=" + orNone(p.strategyName())
                + " session=" + orNone(p.sessionName())
                + " variables=" + variables(p.variables()) + ".";
    }

    private static String echo(String input) {
        if (input.isBlank()) {
            return "(empty input)";
        }
        String[] words = input.strip().split("\\s+");
        if (words.length <= MAX_ECHOED_WORDS) {
            return input.strip();
        }
        return String.join(" ", Arrays.asList(words).subList(0, MAX_ECHOED_WORDS)) + " ... ("
                + (words.length - MAX_ECHOED_WORDS) + " more words)";
    }

    private static String variables(Map<String, String> variables) {
        if (variables == null || variables.isEmpty()) {
            return "none";
        }
        return new TreeMap<>(variables).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "none" : value;
    }

    private static int countWords(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /** A number as Go's {@code %v} prints it for the values fabric-mcp sends: 0.7, 1, 0. */
    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
