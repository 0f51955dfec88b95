package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.FabricAuthenticationException;
import dev.fabricmcp.client.FabricConnectionException;
import dev.fabricmcp.client.FabricException;
import dev.fabricmcp.client.FabricHttpException;
import dev.fabricmcp.client.FabricNotFoundException;
import dev.fabricmcp.client.FabricProtocolException;
import dev.fabricmcp.client.FabricResponseTooLargeException;
import dev.fabricmcp.client.FabricStreamException;
import dev.fabricmcp.client.FabricTimeoutException;
import dev.fabricmcp.client.FabricUnreachableException;
import dev.fabricmcp.core.FailureKind;
import java.util.Locale;

/**
 * The one mapping from a failure to what the user reads: what happened, in Fabric's own words where it said
 * something, and what to do about it. Never contains the API key: the client never puts it in a message.
 */
public final class FailureMessages {

    private FailureMessages() {
    }

    /**
     * Whether a failure is one the product expects (bad arguments, Fabric failing): worth an info line in the log.
     * Anything else is a bug in fabric-mcp and is logged with its stack trace.
     */
    public static boolean isExpected(Throwable failure) {
        return failure instanceof ArgumentException || failure instanceof FabricException
                || failure instanceof IllegalArgumentException;
    }

    /** The kind of a failure, for the result's {@code _meta} and the metrics; its message is {@link #describe}. */
    public static FailureKind kind(Throwable failure) {
        if (failure instanceof ArgumentException || failure instanceof IllegalArgumentException) {
            return FailureKind.BAD_ARGUMENTS;
        }
        if (!(failure instanceof FabricException)) {
            return FailureKind.INTERNAL;
        }
        if (failure instanceof FabricUnreachableException) {
            return FailureKind.FABRIC_UNREACHABLE;
        }
        if (failure instanceof FabricTimeoutException) {
            return FailureKind.TIMEOUT;
        }
        if (failure instanceof FabricResponseTooLargeException) {
            return FailureKind.TOO_LARGE;
        }
        if (failure instanceof FabricConnectionException) {
            return FailureKind.FABRIC_DISCONNECTED;
        }
        if (failure instanceof FabricAuthenticationException) {
            return FailureKind.FABRIC_AUTH;
        }
        if (failure instanceof FabricNotFoundException) {
            return FailureKind.NOT_FOUND;
        }
        if (failure instanceof FabricProtocolException) {
            return FailureKind.FABRIC_PROTOCOL;
        }
        if (failure instanceof FabricStreamException e) {
            return switch (e.reason()) {
                case ERROR_EVENT -> FailureKind.FABRIC_ERROR;
                case MALFORMED_EVENT -> FailureKind.FABRIC_PROTOCOL;
                case INCOMPLETE, DISCONNECTED -> FailureKind.FABRIC_DISCONNECTED;
                case IDLE_TIMEOUT -> FailureKind.TIMEOUT;
            };
        }
        return FailureKind.FABRIC_ERROR;
    }

    public static String describe(Throwable failure) {
        if (failure instanceof ArgumentException argument) {
            return argument.getMessage();
        }
        if (failure instanceof FabricException fabric) {
            return describe(fabric);
        }
        if (failure instanceof IllegalArgumentException illegal) {
            return illegal.getMessage();
        }
        if (failure instanceof OutOfMemoryError) {
            return "fabric-mcp ran out of memory. Give it more (FABRIC_MCP_JAVA_OPTS=-Xmx1g for the launcher), or"
                    + " lower --fabric-max-response so that fewer answers are held at once.";
        }
        // No class name or exception text: the client sees the message, the log on stderr has the rest.
        return "fabric-mcp failed unexpectedly. This is a bug in fabric-mcp; its log on stderr has the details.";
    }

    private static String describe(FabricException failure) {
        if (failure instanceof FabricUnreachableException e) {
            return e.getMessage() + ". Start Fabric with `fabric --serve`, or point fabric-mcp at it with"
                    + " FABRIC_BASE_URL (or --fabric-url).";
        }
        if (failure instanceof FabricTimeoutException e) {
            return e.getMessage() + ". Fabric accepted the connection but is slow or stuck: its log may say why."
                    + " To wait longer, raise --fabric-request-timeout (or FABRIC_MCP_FABRIC_REQUEST_TIMEOUT).";
        }
        if (failure instanceof FabricResponseTooLargeException e) {
            return e.getMessage() + ", so it was cut off there. If an answer that long is expected, raise"
                    + " --fabric-max-response (or FABRIC_MCP_FABRIC_MAX_RESPONSE); otherwise check that"
                    + " FABRIC_BASE_URL points at `fabric --serve`.";
        }
        if (failure instanceof FabricConnectionException e) {
            return e.getMessage() + ". Fabric is running (it accepted the connection): its log may say why, or"
                    + " something between fabric-mcp and Fabric (a proxy?) cut or garbled the answer.";
        }
        if (failure instanceof FabricAuthenticationException e) {
            return switch (e.reason()) {
                case MISSING_KEY -> "Fabric at " + e.uri() + " requires an API key and fabric-mcp sent none"
                        + " (Fabric said: Missing API Key). Set FABRIC_API_KEY (or --fabric-api-key-file) to the"
                        + " key Fabric was started with (`fabric --serve --api-key ...`).";
                case WRONG_KEY -> "Fabric at " + e.uri() + " rejected fabric-mcp's API key (Fabric said: Wrong API"
                        + " Key). Set FABRIC_API_KEY (or --fabric-api-key-file) to the key Fabric was started with.";
                case OTHER -> e.getMessage() + ". Check FABRIC_API_KEY and anything (a proxy?) between fabric-mcp"
                        + " and Fabric.";
            };
        }
        if (failure instanceof FabricNotFoundException e) {
            return "Fabric has no such item at " + e.uri() + " (Fabric said: " + e.fabricMessage()
                    + "). Call fabric_list_patterns to see the patterns Fabric has.";
        }
        if (failure instanceof FabricStreamException e) {
            return describe(e);
        }
        if (failure instanceof FabricProtocolException e) {
            return e.getMessage() + ". Is FABRIC_BASE_URL pointing at `fabric --serve`, and is Fabric up to date?";
        }
        if (failure instanceof FabricHttpException e && e.statusCode() == 404) {
            // Fabric answers an unknown pattern with 500, never 404: a 404 is a route this server does not have.
            return e.getMessage() + ". The server at FABRIC_BASE_URL has no such route: check that the URL is"
                    + " `fabric --serve`'s own address (no extra path), and that Fabric is recent enough.";
        }
        if (failure instanceof FabricHttpException e) {
            return e.getMessage() + ". Fabric's own log has the details.";
        }
        return failure.getMessage();
    }

    private static String describe(FabricStreamException e) {
        return switch (e.reason()) {
            case ERROR_EVENT -> "Fabric reported an error: " + sentence(e.detail()) + hintFor(e.detail());
            case MALFORMED_EVENT -> e.getMessage() + ". The run was stopped; is Fabric up to date?";
            case INCOMPLETE -> e.getMessage() + ": the answer may be cut short. Fabric's log may say why.";
            case DISCONNECTED -> e.getMessage() + ". Check that `fabric --serve` is still running.";
            case IDLE_TIMEOUT -> e.getMessage() + ", so the run was stopped. A slow or thinking model may need a"
                    + " longer --fabric-timeout (or FABRIC_MCP_FABRIC_TIMEOUT).";
        };
    }

    /** Fabric's texts end without a full stop; the hint that follows needs one. */
    private static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?") ? trimmed : trimmed + ".";
    }

    /** Fabric reports a bad name inside the stream; point to the tool that lists the good ones. */
    private static String hintFor(String fabricText) {
        String text = fabricText.toLowerCase(Locale.ROOT);
        if (text.contains("could not get pattern")) {
            return " Call fabric_list_patterns to see the patterns Fabric has"
                    + (text.contains("missing required variable") ? ", and pass the pattern's variables in"
                    + " `variables`." : ".");
        }
        if (text.contains("strategy")) {
            return " Call fabric_list_strategies to see the strategies Fabric has.";
        }
        if (text.contains("model") || text.contains("vendor")) {
            return " Call fabric_list_models to see the models and vendors Fabric has.";
        }
        return "";
    }
}
