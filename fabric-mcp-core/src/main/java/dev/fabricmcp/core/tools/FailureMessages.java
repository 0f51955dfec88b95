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
import dev.fabricmcp.core.MemoryExhausted;
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

    /** What the user reads about a failure: what happened and what to do. */
    public static String describe(Throwable failure) {
        return account(failure).message();
    }

    /** The kind of a failure, for the result's {@code _meta} and the metrics. */
    public static FailureKind kind(Throwable failure) {
        return account(failure).kind();
    }

    /** A failure's kind and message, decided together so that they never disagree. */
    private record Account(FailureKind kind, String message) {
    }

    private static Account account(Throwable failure) {
        if (failure instanceof ArgumentException || failure instanceof IllegalArgumentException) {
            return new Account(FailureKind.BAD_ARGUMENTS, failure.getMessage());
        }
        if (failure instanceof FabricException fabric) {
            return account(fabric);
        }
        if (failure instanceof OutOfMemoryError || failure instanceof MemoryExhausted) {
            return new Account(FailureKind.INTERNAL, "fabric-mcp ran out of memory. Give it more"
                    + " (FABRIC_MCP_JAVA_OPTS=-Xmx1g for the launcher), or lower --fabric-max-response so that fewer"
                    + " answers are held at once.");
        }
        // No class name or exception text: the client sees the message, the log on stderr has the rest.
        return new Account(FailureKind.INTERNAL, "fabric-mcp failed unexpectedly. This is a bug in fabric-mcp; its"
                + " log on stderr has the details.");
    }

    private static Account account(FabricException failure) {
        if (failure instanceof FabricUnreachableException e) {
            return new Account(FailureKind.FABRIC_UNREACHABLE, e.getMessage() + ". Start Fabric with `fabric"
                    + " --serve`, or point fabric-mcp at it with FABRIC_BASE_URL (or --fabric-url).");
        }
        if (failure instanceof FabricTimeoutException e) {
            return new Account(FailureKind.TIMEOUT, e.getMessage() + ". Fabric accepted the connection but is slow"
                    + " or stuck: its log may say why. To wait longer, raise --fabric-request-timeout (or"
                    + " FABRIC_MCP_FABRIC_REQUEST_TIMEOUT).");
        }
        if (failure instanceof FabricResponseTooLargeException e) {
            return new Account(FailureKind.TOO_LARGE, e.getMessage() + ", so it was cut off there. If an answer"
                    + " that long is expected, raise --fabric-max-response (or FABRIC_MCP_FABRIC_MAX_RESPONSE);"
                    + " otherwise check that FABRIC_BASE_URL points at `fabric --serve`.");
        }
        if (failure instanceof FabricConnectionException e) {
            return new Account(FailureKind.FABRIC_DISCONNECTED, e.getMessage() + ". Fabric is running (it accepted"
                    + " the connection): its log may say why, or something between fabric-mcp and Fabric (a"
                    + " proxy?) cut or garbled the answer.");
        }
        if (failure instanceof FabricAuthenticationException e) {
            return new Account(FailureKind.FABRIC_AUTH, switch (e.reason()) {
                case MISSING_KEY -> "Fabric at " + e.uri() + " requires an API key and fabric-mcp sent none"
                        + " (Fabric said: Missing API Key). Set FABRIC_API_KEY (or --fabric-api-key-file) to the"
                        + " key Fabric was started with (`fabric --serve --api-key ...`).";
                case WRONG_KEY -> "Fabric at " + e.uri() + " rejected fabric-mcp's API key (Fabric said: Wrong API"
                        + " Key). Set FABRIC_API_KEY (or --fabric-api-key-file) to the key Fabric was started with.";
                case OTHER -> e.getMessage() + ". Check FABRIC_API_KEY and anything (a proxy?) between fabric-mcp"
                        + " and Fabric.";
            });
        }
        if (failure instanceof FabricNotFoundException e) {
            return new Account(FailureKind.NOT_FOUND, "Fabric has no such item at " + e.uri() + " (Fabric said: "
                    + e.fabricMessage() + "). Call fabric_list_patterns to see the patterns Fabric has.");
        }
        if (failure instanceof FabricStreamException e) {
            return account(e);
        }
        if (failure instanceof FabricProtocolException e) {
            return new Account(FailureKind.FABRIC_PROTOCOL, e.getMessage() + ". Is FABRIC_BASE_URL pointing at"
                    + " `fabric --serve`, and is Fabric up to date?");
        }
        if (failure instanceof FabricHttpException e && e.statusCode() == 404) {
            // Fabric answers an unknown pattern with 500, never 404: a 404 is a route this server does not have.
            return new Account(FailureKind.FABRIC_ERROR, e.getMessage() + ". The server at FABRIC_BASE_URL has no"
                    + " such route: check that the URL is `fabric --serve`'s own address (no extra path), and that"
                    + " Fabric is recent enough.");
        }
        if (failure instanceof FabricHttpException e) {
            return new Account(FailureKind.FABRIC_ERROR, e.getMessage() + ". Fabric's own log has the details.");
        }
        return new Account(FailureKind.FABRIC_ERROR, failure.getMessage());
    }

    private static Account account(FabricStreamException e) {
        return switch (e.reason()) {
            case ERROR_EVENT -> new Account(FailureKind.FABRIC_ERROR, "Fabric reported an error: "
                    + sentence(e.detail()) + hintFor(e.detail()));
            case MALFORMED_EVENT -> new Account(FailureKind.FABRIC_PROTOCOL, e.getMessage()
                    + ". The run was stopped; is Fabric up to date?");
            case INCOMPLETE -> new Account(FailureKind.FABRIC_DISCONNECTED, e.getMessage()
                    + ": the answer may be cut short. Fabric's log may say why.");
            case DISCONNECTED -> new Account(FailureKind.FABRIC_DISCONNECTED, e.getMessage()
                    + ". Check that `fabric --serve` is still running.");
            case IDLE_TIMEOUT -> new Account(FailureKind.TIMEOUT, e.getMessage() + ", so the run was stopped. A"
                    + " slow or thinking model may need a longer --fabric-timeout (or FABRIC_MCP_FABRIC_TIMEOUT).");
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
