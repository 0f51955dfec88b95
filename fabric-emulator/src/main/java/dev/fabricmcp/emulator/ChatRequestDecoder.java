package dev.fabricmcp.emulator;

import dev.fabricmcp.emulator.GoField.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes a {@code POST /chat} body into a {@link ChatRequest} with the Go types of Fabric's
 * {@code restapi.ChatRequest} (prompts, language, modelContextLength, then the embedded, untagged
 * {@code domain.ChatOptions} fields), so type errors read exactly like Fabric's, e.g.
 * {@code json: cannot unmarshal number into Go struct field ChatRequest.Thinking of type domain.ThinkingLevel}.
 */
final class ChatRequestDecoder {

    static final GoStructType PROMPT = new GoStructType("PromptRequest", "restapi.PromptRequest", List.of(
            GoField.of("userInput", Kind.STRING),
            GoField.of("vendor", Kind.STRING),
            GoField.of("model", Kind.STRING),
            GoField.of("contextName", Kind.STRING),
            GoField.of("patternName", Kind.STRING),
            GoField.of("strategyName", Kind.STRING),
            GoField.of("sessionName", Kind.STRING),
            GoField.of("variables", Kind.STRING_MAP)));

    static final GoStructType CHAT = new GoStructType("ChatRequest", "restapi.ChatRequest", List.of(
            GoField.slice("prompts", PROMPT),
            GoField.of("language", Kind.STRING),
            GoField.of("modelContextLength", Kind.INT),
            // The embedded domain.ChatOptions: no json tags, so the keys are the Go field names.
            GoField.of("Model", Kind.STRING),
            GoField.of("Temperature", Kind.FLOAT64),
            GoField.of("TopP", Kind.FLOAT64),
            GoField.of("PresencePenalty", Kind.FLOAT64),
            GoField.of("FrequencyPenalty", Kind.FLOAT64),
            GoField.of("Raw", Kind.BOOL),
            GoField.of("Seed", Kind.INT),
            GoField.typed("Thinking", Kind.STRING, "domain.ThinkingLevel"),
            GoField.of("ModelContextLength", Kind.INT),
            GoField.of("MaxTokens", Kind.INT),
            GoField.of("Search", Kind.BOOL),
            GoField.of("SearchLocation", Kind.STRING),
            GoField.of("ImageFile", Kind.STRING),
            GoField.of("ImageSize", Kind.STRING),
            GoField.of("ImageQuality", Kind.STRING),
            GoField.of("ImageCompression", Kind.INT),
            GoField.of("ImageBackground", Kind.STRING),
            GoField.of("SuppressThink", Kind.BOOL),
            GoField.of("ThinkStartTag", Kind.STRING),
            GoField.of("ThinkEndTag", Kind.STRING),
            GoField.of("AudioOutput", Kind.BOOL),
            GoField.of("AudioFormat", Kind.STRING),
            GoField.of("Voice", Kind.STRING),
            GoField.of("Notification", Kind.BOOL),
            GoField.of("NotificationCommand", Kind.STRING),
            GoField.of("ShowMetadata", Kind.BOOL),
            GoField.of("Quiet", Kind.BOOL)));

    private ChatRequestDecoder() {
    }

    static GoRequestDecoder.Decoded decode(byte[] body) {
        return GoRequestDecoder.decode(body, CHAT);
    }

    /** Builds the request from a successful decode. */
    static ChatRequest toRequest(GoRequestDecoder.Decoded d) {
        List<PromptRequest> prompts = null;
        if (d.values().get("prompts") instanceof List<?> items) {
            prompts = new ArrayList<>();
            for (Object item : items) {
                prompts.add(toPrompt((Map<?, ?>) item));
            }
        }
        ChatOptions options = new ChatOptions(d.float64("Temperature"), d.float64("TopP"),
                d.float64("PresencePenalty"), d.float64("FrequencyPenalty"), d.string("Thinking"),
                d.bool("Search"), d.string("SearchLocation"));
        return new ChatRequest(prompts == null ? null : List.copyOf(prompts), d.string("language"),
                d.integer("modelContextLength"), options);
    }

    private static PromptRequest toPrompt(Map<?, ?> v) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) v.get("variables");
        return new PromptRequest(str(v, "userInput"), str(v, "vendor"), str(v, "model"), str(v, "contextName"),
                str(v, "patternName"), str(v, "strategyName"), str(v, "sessionName"),
                variables == null ? null : Map.copyOf(variables));
    }

    private static String str(Map<?, ?> v, String key) {
        return v.get(key) instanceof String s ? s : "";
    }
}
