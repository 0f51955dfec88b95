package dev.fabricmcp.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/** The one place that turns Fabric's error answers and transport failures into {@link FabricException}s. */
final class FabricErrors {

    private static final int MAX_BODY_IN_MESSAGE = 2000;

    private FabricErrors() {
    }

    /** The failure a non-2xx answer stands for. */
    static FabricException fromStatus(URI uri, int status, String body) {
        JsonElement json = parseOrNull(body);
        String text = fabricText(json, body);
        if (status == 401) {
            FabricAuthenticationException.Reason reason = switch (text) {
                case "Missing API Key" -> FabricAuthenticationException.Reason.MISSING_KEY;
                case "Wrong API Key" -> FabricAuthenticationException.Reason.WRONG_KEY;
                default -> FabricAuthenticationException.Reason.OTHER;
            };
            return new FabricAuthenticationException(uri, reason, text);
        }
        // Fabric answers a missing pattern or context with 500 and a bare JSON string, never with 404. A missing
        // pattern says "not found"; a missing context only carries Go's file error ("could not load c1: open
        // .../contexts/c1: no such file or directory"), so that is recognised too.
        if (status == 500 && isJsonString(json) && isNotFoundText(text.toLowerCase(Locale.ROOT))) {
            return new FabricNotFoundException(uri, text);
        }
        return new FabricHttpException(uri, status, text);
    }

    private static boolean isNotFoundText(String text) {
        return text.contains("not found") || text.contains("no such file or directory")
                || text.contains("cannot find the file");
    }

    /**
     * The failure a transport problem stands for: Fabric unreachable (nothing was connected), or an exchange that
     * failed after connecting. A cancellation, an error of the JVM (out of memory) or a failure already mapped passes
     * through as it is: none of them says anything about Fabric.
     */
    static Throwable fromTransport(URI uri, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Error || t instanceof FabricException || t instanceof CancellationException) {
                return t;
            }
        }
        if (isUnreachable(failure)) {
            return new FabricUnreachableException(uri, failure);
        }
        return new FabricConnectionException(uri, describeTransport(failure), failure);
    }

    /** A transport failure in words, without class names. */
    static String describeTransport(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return "Fabric closed the connection before its answer was complete";
            }
            if (message == null && t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            return "the connection failed";
        }
        String text = message.toLowerCase(Locale.ROOT);
        if (text.contains("eof") || text.contains("closed") || text.contains("no bytes")) {
            return "Fabric closed the connection before its answer was complete (" + message + ")";
        }
        if (text.contains("reset")) {
            return "the connection was reset (" + message + ")";
        }
        if (text.contains("header")) {
            return "Fabric's answer has headers that cannot be read (" + message + ")";
        }
        return message;
    }

    /** Whether a failure to send is one that means Fabric could not be reached at all. */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fabric's own words in an error body: the text of a JSON string, the {@code error} member of an object, or the
     * body itself, shortened.
     */
    private static String fabricText(JsonElement json, String body) {
        if (isJsonString(json)) {
            return shorten(json.getAsString());
        }
        if (json != null && json.isJsonObject() && json.getAsJsonObject().has("error")) {
            JsonElement error = json.getAsJsonObject().get("error");
            return shorten(error.isJsonPrimitive() ? error.getAsString() : error.toString());
        }
        return shorten(body.strip());
    }

    /** The body as JSON, or {@code null} when it is not JSON. */
    private static JsonElement parseOrNull(String body) {
        try {
            return JsonParser.parseString(body);
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static boolean isJsonString(JsonElement json) {
        return json != null && json.isJsonPrimitive() && json.getAsJsonPrimitive().isString();
    }

    private static String shorten(String text) {
        return text.length() <= MAX_BODY_IN_MESSAGE ? text : text.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
}
