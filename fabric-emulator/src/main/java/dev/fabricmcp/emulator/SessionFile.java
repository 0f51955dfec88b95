package dev.fabricmcp.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dev.fabricmcp.emulator.GoField.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A session file ({@code sessions/<name>.json}, a JSON array of chat messages) read and written the way
 * Fabric does: {@code json.Unmarshal} into {@code []*chat.ChatCompletionMessage} and back, so
 * {@code GET /sessions/x} re-marshals messages with the struct's key order ({@code role}, then the
 * {@code omitempty} fields {@code content refusal name reasoning_content function_call tool_calls
 * tool_call_id}) and drops unknown keys.
 */
final class SessionFile {

    /** The messages (a {@code null} list for a file containing {@code null}), or Go's error text. */
    record Parsed(List<GoStruct> messages, String error) {
    }

    static final GoStructType MESSAGE = new GoStructType("ChatCompletionMessage", "chat.ChatCompletionMessage",
            List.of(GoField.of("role", Kind.STRING),
                    GoField.of("content", Kind.STRING),
                    GoField.of("refusal", Kind.STRING),
                    GoField.of("name", Kind.STRING),
                    GoField.of("reasoning_content", Kind.STRING),
                    GoField.typed("function_call", Kind.RAW, "*chat.FunctionCall"),
                    GoField.typed("tool_calls", Kind.RAW, "[]chat.ToolCall"),
                    GoField.of("tool_call_id", Kind.STRING)));

    private SessionFile() {
    }

    static Parsed parse(String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        GoJsonSyntax.Result syntax = GoJsonSyntax.check(bytes);
        if (!syntax.ok()) {
            String e = syntax.error();
            // json.Unmarshal words a short document differently from json.Decoder.
            return new Parsed(null, e.equals("EOF") || e.equals("unexpected EOF") ? "unexpected end of JSON input" : e);
        }
        for (int i = syntax.end(); i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return new Parsed(null, "invalid character " + GoJsonSyntax.quoteChar(c) + " after top-level value");
            }
        }
        JsonElement json = GoRequestDecoder.parse(new String(bytes, 0, syntax.end(), StandardCharsets.UTF_8));
        if (json.isJsonNull()) {
            return new Parsed(null, null);
        }
        if (!json.isJsonArray()) {
            return new Parsed(null, "json: cannot unmarshal " + GoBinder.kindOf(json)
                    + " into Go value of type []*chat.ChatCompletionMessage");
        }
        List<GoStruct> messages = new ArrayList<>();
        for (JsonElement item : json.getAsJsonArray()) {
            if (item.isJsonNull()) {
                messages.add(null);
                continue;
            }
            GoBinder.Bound bound = GoBinder.bind(item, MESSAGE);
            if (bound.error() != null) {
                return new Parsed(null, bound.error().replace("Go value of type chat.", "Go value of type *chat."));
            }
            messages.add(toMessage(bound.values()));
        }
        return new Parsed(messages, null);
    }

    private static GoStruct toMessage(Map<String, Object> v) {
        return message((String) v.getOrDefault("role", ""), (String) v.getOrDefault("content", ""))
                .omitEmpty("refusal", v.get("refusal"))
                .omitEmpty("name", v.get("name"))
                .omitEmpty("reasoning_content", v.get("reasoning_content"))
                .omitEmpty("function_call", nullIfJsonNull(v.get("function_call")))
                .omitEmpty("tool_calls", emptyIfNoCalls(v.get("tool_calls")))
                .omitEmpty("tool_call_id", v.get("tool_call_id"));
    }

    /** A message with just a role and (omitempty) content. */
    static GoStruct message(String role, String content) {
        return new GoStruct().field("role", role).omitEmpty("content", content);
    }

    /** The session file after appending {@code added} to {@code raw} (or to nothing when {@code raw} is null). */
    static String append(String raw, List<GoStruct> added) {
        List<GoStruct> all = new ArrayList<>();
        if (raw != null) {
            Parsed parsed = parse(raw);
            if (parsed.messages() != null) {
                all.addAll(parsed.messages());
            }
        }
        all.addAll(added);
        return GoJson.encode(all);
    }

    private static Object nullIfJsonNull(Object value) {
        return value instanceof JsonElement e && e.isJsonNull() ? null : value;
    }

    private static Object emptyIfNoCalls(Object value) {
        if (value instanceof JsonArray a && a.isEmpty()) {
            return null;
        }
        return nullIfJsonNull(value);
    }
}
