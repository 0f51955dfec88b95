package dev.fabricmcp.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URI;

/**
 * Turns the {@code data} of one {@code /chat} event into a {@link FabricChunk}, or says why it cannot. An event of a
 * type this client does not know (a newer Fabric's) is skipped, with a debug log: failing the run for it would
 * break every run against that Fabric.
 */
final class ChunkDecoder {

    private static final System.Logger LOG = System.getLogger(ChunkDecoder.class.getName());

    private final URI uri;

    ChunkDecoder(URI uri) {
        this.uri = uri;
    }

    /** The chunk, or {@code null} for an event of a type this client does not know. */
    FabricChunk decode(String data) {
        JsonElement json;
        try {
            json = JsonParser.parseString(data);
        } catch (JsonParseException e) {
            throw malformed(data, "not JSON");
        }
        if (!json.isJsonObject()) {
            throw malformed(data, "not a JSON object");
        }
        JsonObject event = json.getAsJsonObject();
        FabricChunk.Type type = type(event, data);
        if (type == null) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Skipped an event of unknown type from " + uri + ": "
                    + JsonShapes.abbreviate(data));
            return null;
        }
        String format = text(event, "format", data);
        String content = text(event, "content", data);
        FabricChunk.Usage usage = type == FabricChunk.Type.USAGE ? usage(event, data) : null;
        return new FabricChunk(type, format, content, usage);
    }

    private FabricChunk.Type type(JsonObject event, String data) {
        JsonElement type = event.get("type");
        if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
            throw malformed(data, "no \"type\"");
        }
        return switch (type.getAsString()) {
            case "content" -> FabricChunk.Type.CONTENT;
            case "usage" -> FabricChunk.Type.USAGE;
            case "error" -> FabricChunk.Type.ERROR;
            case "complete" -> FabricChunk.Type.COMPLETE;
            default -> null;
        };
    }

    private String text(JsonObject event, String member, String data) {
        JsonElement value = event.get(member);
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw malformed(data, "\"" + member + "\" is not a string");
        }
        return value.getAsString();
    }

    private FabricChunk.Usage usage(JsonObject event, String data) {
        JsonElement usage = event.get("usage");
        if (usage == null || !usage.isJsonObject()) {
            throw malformed(data, "a usage event without a \"usage\" object");
        }
        JsonObject counts = usage.getAsJsonObject();
        return new FabricChunk.Usage(count(counts, "input_tokens", data), count(counts, "output_tokens", data),
                count(counts, "total_tokens", data));
    }

    private long count(JsonObject counts, String member, String data) {
        JsonElement value = counts.get(member);
        if (value == null || value.isJsonNull()) {
            return 0;
        }
        try {
            long count = value.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
            if (count < 0) {
                throw malformed(data, "\"" + member + "\" is negative");
            }
            return count;
        } catch (ArithmeticException | IllegalStateException | ClassCastException | NumberFormatException e) {
            throw malformed(data, "\"" + member + "\" is not a whole number");
        }
    }

    private FabricStreamException malformed(String data, String why) {
        return new FabricStreamException(uri, FabricStreamException.Reason.MALFORMED_EVENT,
                why + ": data: " + JsonShapes.abbreviate(data), null, null);
    }
}
