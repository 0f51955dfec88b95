package dev.fabricmcp.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.client.FabricAuthenticationException;
import dev.fabricmcp.client.FabricConnectionException;
import dev.fabricmcp.client.FabricHttpException;
import dev.fabricmcp.client.FabricNotFoundException;
import dev.fabricmcp.client.FabricProtocolException;
import dev.fabricmcp.client.FabricResponseTooLargeException;
import dev.fabricmcp.client.FabricStreamException;
import dev.fabricmcp.client.FabricTimeoutException;
import dev.fabricmcp.client.FabricUnreachableException;
import dev.fabricmcp.core.FailureKind;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Only a Fabric that could not be reached is told to be started; every other failure says what happened. */
class FailureMessagesTest {

    private static final URI MODELS = URI.create("http://127.0.0.1:8080/models/names");

    @Test
    void anUnreachableFabricIsToldToBeStarted() {
        String message = FailureMessages.describe(new FabricUnreachableException(MODELS, new ConnectException()));
        assertTrue(message.contains("not reachable") && message.contains("fabric --serve"), message);
    }

    @Test
    void aTimeoutAfterConnectingNamesTheLimitToRaise() {
        String message = FailureMessages.describe(new FabricTimeoutException(MODELS, Duration.ofSeconds(30)));
        assertEquals("Fabric at " + MODELS + " did not send its whole answer within 30 seconds. Fabric accepted the"
                + " connection but is slow or stuck: its log may say why. To wait longer, raise"
                + " --fabric-request-timeout (or FABRIC_MCP_FABRIC_REQUEST_TIMEOUT).", message);
    }

    @Test
    void anOverlongAnswerNamesTheLimitToRaise() {
        String message = FailureMessages.describe(new FabricResponseTooLargeException(MODELS, 16L * 1024 * 1024));
        assertEquals("The answer from Fabric at " + MODELS + " is longer than 16 MiB, the most fabric-mcp reads, so it"
                + " was cut off there. If an answer that long is expected, raise --fabric-max-response (or"
                + " FABRIC_MCP_FABRIC_MAX_RESPONSE); otherwise check that FABRIC_BASE_URL points at `fabric --serve`.",
                message);
    }

    @Test
    void aRouteFabricDoesNotHaveIsNotUnreachable() {
        String message = FailureMessages.describe(new dev.fabricmcp.client.FabricHttpException(MODELS, 404,
                "404 page not found"));
        assertEquals("Fabric at " + MODELS + " answered HTTP 404: 404 page not found. The server at FABRIC_BASE_URL"
                + " has no such route: check that the URL is `fabric --serve`'s own address (no extra path), and"
                + " that Fabric is recent enough.", message);
    }

    @Test
    void anUnexpectedFailureNamesNoJavaInternals() {
        String message = FailureMessages.describe(new IllegalStateException("queue full at Foo.java:12"));
        assertEquals("fabric-mcp failed unexpectedly. This is a bug in fabric-mcp; its log on stderr has the"
                + " details.", message);
    }

    @Test
    void anUnreachableFabricWithoutAnyMessageIsStillSaidInWords() {
        String message = FailureMessages.describe(new FabricUnreachableException(MODELS,
                new java.io.IOException()));
        assertTrue(message.contains("not reachable at " + MODELS + ": no connection could be made"), message);
        assertFalse(message.contains("Exception"), message);
    }

    @Test
    void aConnectionCutAfterConnectingIsNotUnreachable() {
        String message = FailureMessages.describe(new FabricConnectionException(MODELS,
                "Fabric closed the connection before its answer was complete", new EOFException()));
        assertFalse(message.contains("not reachable"), message);
        assertFalse(message.contains("Start Fabric"), message);
        assertTrue(message.contains("Fabric is running (it accepted the connection)"), message);
    }

    @Test
    void eachFailureHasTheKindProgramsAndMetricsSee() {
        FabricStreamException.Reason idle = FabricStreamException.Reason.IDLE_TIMEOUT;
        assertEquals(FailureKind.FABRIC_UNREACHABLE,
                FailureMessages.kind(new FabricUnreachableException(MODELS, new ConnectException())));
        assertEquals(FailureKind.TIMEOUT,
                FailureMessages.kind(new FabricTimeoutException(MODELS, Duration.ofSeconds(1))));
        assertEquals(FailureKind.TIMEOUT,
                FailureMessages.kind(new FabricStreamException(MODELS, idle, "", null, null)));
        assertEquals(FailureKind.TOO_LARGE, FailureMessages.kind(new FabricResponseTooLargeException(MODELS, 1)));
        assertEquals(FailureKind.FABRIC_AUTH, FailureMessages.kind(new FabricAuthenticationException(MODELS,
                FabricAuthenticationException.Reason.WRONG_KEY, "Wrong API Key")));
        assertEquals(FailureKind.NOT_FOUND, FailureMessages.kind(new FabricNotFoundException(MODELS, "no such")));
        assertEquals(FailureKind.FABRIC_ERROR, FailureMessages.kind(new FabricHttpException(MODELS, 500, "boom")));
        assertEquals(FailureKind.FABRIC_PROTOCOL, FailureMessages.kind(new FabricProtocolException(MODELS, "not JSON")));
        assertEquals(FailureKind.FABRIC_DISCONNECTED, FailureMessages.kind(new FabricConnectionException(MODELS,
                "the connection was closed", new EOFException())));
        assertEquals(FailureKind.BAD_ARGUMENTS,
                FailureMessages.kind(new ArgumentException("temperature must be 0-2")));
        assertEquals(FailureKind.INTERNAL, FailureMessages.kind(new IllegalStateException("a bug")));
    }

    @Test
    void anIsErrorResultCarriesItsKindInMeta() {
        assertEquals(java.util.Optional.of(FailureKind.NOT_FOUND),
                ToolResults.kind(ToolResults.failure(FailureKind.NOT_FOUND, "Fabric has no context 'x'.")));
        assertEquals("not_found", ToolResults.failure(FailureKind.NOT_FOUND, "…").meta().get(ToolResults.ERROR_KIND));
        assertEquals(java.util.Optional.empty(), ToolResults.kind(ToolResults.success("ok", java.util.Map.of())));
    }
}
