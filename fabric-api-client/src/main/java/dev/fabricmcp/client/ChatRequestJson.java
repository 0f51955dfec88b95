package dev.fabricmcp.client;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Writes a {@link ChatRequest} with Fabric's own keys. Prompt keys carry explicit json tags in Fabric; the options
 * bind case-insensitively to Go field names, so camelCase works and snake_case would be silently ignored.
 */
final class ChatRequestJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private ChatRequestJson() {
    }

    static String toJson(ChatRequest request) {
        JsonObject body = new JsonObject();
        JsonArray prompts = new JsonArray();
        for (ChatPrompt prompt : request.prompts()) {
            prompts.add(prompt(prompt));
        }
        body.add("prompts", prompts);
        request.language().ifPresent(language -> body.addProperty("language", language));
        body.addProperty("temperature", request.temperature());
        body.addProperty("topP", request.topP());
        request.frequencyPenalty().ifPresent(value -> body.addProperty("frequencyPenalty", value));
        request.presencePenalty().ifPresent(value -> body.addProperty("presencePenalty", value));
        request.thinking().ifPresent(value -> body.addProperty("thinking", value));
        request.search().ifPresent(value -> body.addProperty("search", value));
        request.modelContextLength().ifPresent(value -> body.addProperty("modelContextLength", value));
        return GSON.toJson(body);
    }

    private static JsonObject prompt(ChatPrompt prompt) {
        JsonObject json = new JsonObject();
        json.addProperty("userInput", prompt.userInput());
        json.addProperty("vendor", prompt.vendor());
        json.addProperty("model", prompt.model());
        json.addProperty("contextName", prompt.contextName());
        json.addProperty("patternName", prompt.patternName());
        json.addProperty("strategyName", prompt.strategyName());
        json.addProperty("sessionName", prompt.sessionName());
        if (!prompt.variables().isEmpty()) {
            JsonObject variables = new JsonObject();
            prompt.variables().forEach(variables::addProperty);
            json.add("variables", variables);
        }
        return json;
    }
}
