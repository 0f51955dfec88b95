package dev.fabricmcp.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds a {@code POST /chat} body to the fields of Fabric's {@code restapi.ChatRequest} that the emulator uses:
 * {@code prompts}, {@code language}, {@code modelContextLength} and the untagged {@code domain.ChatOptions} fields,
 * whose keys match case-insensitively ({@code temperature}, {@code topP}, ...).
 */
final class ChatRequestDecoder {

    private ChatRequestDecoder() {
    }

    static ChatRequest decode(JsonObject body) throws Json.Invalid {
        List<PromptRequest> prompts = null;
        JsonElement items = Json.get(body, "prompts");
        if (items != null) {
            if (!items.isJsonArray()) {
                throw new Json.Invalid("json: prompts must be an array");
            }
            prompts = new ArrayList<>();
            for (JsonElement item : items.getAsJsonArray()) {
                prompts.add(toPrompt(item.isJsonObject() ? item.getAsJsonObject() : new JsonObject()));
            }
        }
        ChatOptions options = new ChatOptions(Json.number(body, "Temperature"), Json.number(body, "TopP"),
                Json.number(body, "PresencePenalty"), Json.number(body, "FrequencyPenalty"),
                Json.string(body, "Thinking"), Json.bool(body, "Search"), Json.string(body, "SearchLocation"));
        return new ChatRequest(prompts == null ? null : List.copyOf(prompts), Json.string(body, "language"),
                (long) Json.number(body, "modelContextLength"), options);
    }

    private static PromptRequest toPrompt(JsonObject v) throws Json.Invalid {
        Map<String, String> variables = Json.strings(v, "variables");
        return new PromptRequest(Json.string(v, "userInput"), Json.string(v, "vendor"), Json.string(v, "model"),
                Json.string(v, "contextName"), Json.string(v, "patternName"), Json.string(v, "strategyName"),
                Json.string(v, "sessionName"), variables == null ? null : Map.copyOf(variables));
    }
}
