package dev.fabricmcp.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A session file ({@code sessions/<name>.json}, a JSON array of chat messages) read and written the way Fabric
 * does: unmarshalled into its message struct and back, so {@code GET /sessions/x} answers with the struct's keys
 * in order ({@code role}, then the {@code omitempty} fields {@code content refusal name reasoning_content
 * function_call tool_calls tool_call_id}) and without unknown keys.
 */
final class SessionFile {

    /** The messages (a {@code null} list for a file containing {@code null}), or the reason it cannot be read. */
    record Parsed(List<JsonFields> messages, String error) {
    }

    private SessionFile() {
    }

    static Parsed parse(String raw) {
        JsonElement json = Json.parse(raw);
        if (json == null) {
            return new Parsed(null, "the session file is not JSON");
        }
        if (json.isJsonNull()) {
            return new Parsed(null, null);
        }
        if (!json.isJsonArray()) {
            return new Parsed(null, "the session file is not a JSON array of messages");
        }
        List<JsonFields> messages = new ArrayList<>();
        for (JsonElement item : json.getAsJsonArray()) {
            if (item.isJsonNull()) {
                messages.add(null);
            } else if (item.isJsonObject()) {
                messages.add(toMessage(item.getAsJsonObject()));
            } else {
                return new Parsed(null, "a message of the session file is not a JSON object");
            }
        }
        return new Parsed(messages, null);
    }

    private static JsonFields toMessage(JsonObject v) {
        return message(text(v, "role"), text(v, "content"))
                .omitEmpty("refusal", text(v, "refusal"))
                .omitEmpty("name", text(v, "name"))
                .omitEmpty("reasoning_content", text(v, "reasoning_content"))
                .omitEmpty("function_call", Json.get(v, "function_call"))
                .omitEmpty("tool_calls", calls(Json.get(v, "tool_calls")))
                .omitEmpty("tool_call_id", text(v, "tool_call_id"));
    }

    /** A message with just a role and (omitempty) content. */
    static JsonFields message(String role, String content) {
        return new JsonFields().field("role", role).omitEmpty("content", content);
    }

    /** The session file after appending {@code added} to {@code raw} (or to nothing when {@code raw} is null). */
    static String append(String raw, List<JsonFields> added) {
        List<JsonFields> all = new ArrayList<>();
        if (raw != null) {
            Parsed parsed = parse(raw);
            if (parsed.messages() != null) {
                all.addAll(parsed.messages());
            }
        }
        all.addAll(added);
        return Json.encode(all);
    }

    private static String text(JsonObject v, String key) {
        JsonElement value = Json.get(v, key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
    }

    private static JsonElement calls(JsonElement value) {
        return value instanceof JsonArray array && array.isEmpty() ? null : value;
    }
}
