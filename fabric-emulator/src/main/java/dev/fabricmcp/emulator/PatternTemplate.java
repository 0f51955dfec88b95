package dev.fabricmcp.emulator;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fabric's pattern processing ({@code fsdb.PatternsEntity.applyVariables} and {@code template.ApplyTemplate}):
 * <ol>
 *   <li>if the pattern has no {@code {{input}}}, append it (after a {@code "\n"} unless the pattern already
 *       ends with one);</li>
 *   <li>protect {@code {{input}}} with a sentinel, then replace every {@code {{name}}} token from the
 *       variables, repeatedly, so variable values may themselves contain tokens; a token with no variable
 *       fails with {@code missing required variable: name};</li>
 *   <li>put the input in last, so the input's own braces are never processed.</li>
 * </ol>
 * Fabric's {@code {{plugin:...}}} and {@code {{ext:...}}} tokens are not emulated: they are looked up as
 * variables like any other token.
 */
final class PatternTemplate {

    /** The outcome: the processed text, or the error text (without any prefix). */
    record Applied(String text, String error) {
    }

    private static final String INPUT = "{{input}}";
    private static final String SENTINEL = "__FABRIC_EMULATOR_INPUT_SENTINEL__";
    private static final Pattern TOKEN = Pattern.compile("\\{\\{([^{}]+)\\}\\}");
    /** Fabric loops until no token is left; a self-referencing variable would loop forever there. */
    private static final int MAX_ROUNDS = 100;

    private PatternTemplate() {
    }

    static Applied apply(String pattern, Map<String, String> variables, String input) {
        String content = pattern;
        if (!content.contains(INPUT)) {
            content = (content.endsWith("\n") ? content : content + "\n") + INPUT;
        }
        content = content.replace(INPUT, SENTINEL);
        Map<String, String> vars = variables == null ? Map.of() : variables;
        for (int round = 0; content.contains("{{"); round++) {
            if (round == MAX_ROUNDS) {
                return new Applied(null, "template processing stuck");
            }
            Matcher m = TOKEN.matcher(content);
            if (!m.find()) {
                break;
            }
            m.reset();
            String next = content;
            while (m.find()) {
                String raw = m.group(1);
                String full = m.group(0);
                String value;
                if (raw.equals("input") || raw.equals(SENTINEL)) {
                    value = input;
                } else if (vars.containsKey(raw)) {
                    value = vars.get(raw);
                } else {
                    return new Applied(null, "missing required variable: " + raw);
                }
                next = next.replace(full, value);
            }
            content = next;
        }
        return new Applied(content.replace(SENTINEL, input), null);
    }
}
