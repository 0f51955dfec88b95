package dev.fabricmcp.client;

import static dev.fabricmcp.client.EmulatedFabric.COMPLETE;
import static dev.fabricmcp.client.EmulatedFabric.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.RawFabric;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Fabric is untrusted input: every answer is read up to a size limit and within a deadline that covers the whole
 * body, a call can be cancelled, and a failure after connecting is not "unreachable". Each server here misbehaves
 * at the byte level and reports when the client closed its connection.
 */
class FabricClientLimitsTest {

    private static final long LIMIT = 64 * 1024;
    private static final String JSON_HEADERS = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private static FabricClient.Builder clientOf(RawFabric server) {
        return FabricClient.builder().baseUri(server.baseUri()).maxResponseBytes(LIMIT);
    }

    /** Writes chunks until the client closes; completes with true then. */
    private static void writeForever(RawFabric.Connection connection, String piece,
                                     CompletableFuture<Boolean> clientClosed) {
        try {
            while (true) {
                connection.sendChunk(piece);
            }
        } catch (IOException e) {
            clientClosed.complete(true);
        }
    }

    private static void assertClosed(CompletableFuture<Boolean> clientClosed) throws Exception {
        assertTrue(clientClosed.get(RecordingSubscriber.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Nested
    class SizeLimit {

        @Test
        void anEndlessBodyOnAGetRouteStopsAtTheLimit() throws Exception {
            CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendRaw(JSON_HEADERS).sendChunk("[");
                writeForever(connection, "\"" + "x".repeat(8000) + "\",", clientClosed);
            })) {
                FabricResponseTooLargeException failure = assertThrows(FabricResponseTooLargeException.class,
                        () -> clientOf(server).build().listPatternNames());
                assertEquals(LIMIT, failure.limitBytes());
                assertEquals("The answer from Fabric at " + server.baseUri() + "/patterns/names is longer than"
                        + " 64 KiB, the most fabric-mcp reads", failure.getMessage());
                assertClosed(clientClosed);
            }
        }

        @Test
        void anEndlessErrorBodyOnChatIsCutAndReported() throws Exception {
            CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendRaw("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n");
                writeForever(connection, "boom ".repeat(2000), clientClosed);
            })) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                clientOf(server).build().chat(ChatRequest.ofPattern("summarize", "x")).subscribe(subscriber);
                FabricHttpException failure = subscriber.awaitError(FabricHttpException.class);
                assertEquals(500, failure.statusCode());
                assertTrue(failure.body().startsWith("boom boom"), failure.body());
                assertTrue(failure.body().length() < 3000, "the message quotes only the start");
                assertClosed(clientClosed);
            }
        }

        @Test
        void anEndlessChatStreamKeepsWhatFitsThenFails() throws Exception {
            CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
            String event = "data: " + content("y".repeat(1000)) + "\n\n";
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendStreamHeaders();
                writeForever(connection, event, clientClosed);
            })) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                clientOf(server).build().chat(ChatRequest.ofPattern("summarize", "x")).subscribe(subscriber);
                FabricResponseTooLargeException failure = subscriber.awaitError(FabricResponseTooLargeException.class);
                assertEquals(LIMIT, failure.limitBytes());
                int fitted = (int) (LIMIT / event.length());
                assertEquals(fitted, subscriber.contents().size(), "every whole event within the limit is kept");
                assertClosed(clientClosed);
            }
        }

        @Test
        void refusesALimitOutOfRange() {
            assertThrows(IllegalArgumentException.class, () -> FabricClient.builder().maxResponseBytes(1000));
            assertThrows(IllegalArgumentException.class,
                    () -> FabricClient.builder().maxResponseBytes(2L * 1024 * 1024 * 1024));
            assertEquals(16L * 1024 * 1024, FabricClient.builder().build().maxResponseBytes());
        }
    }

    @Nested
    class Deadline {

        @Test
        void aGetWhoseBodyStallsAfterTheHeadersEndsAtTheDeadline() throws Exception {
            CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendRaw(JSON_HEADERS).sendChunk("[\"summ");
                clientClosed.complete(connection.awaitClientClose(RecordingSubscriber.WAIT));
            })) {
                FabricClient client = clientOf(server).requestTimeout(Duration.ofMillis(300)).build();
                FabricTimeoutException failure = assertThrows(FabricTimeoutException.class, client::listPatternNames);
                assertEquals("Fabric at " + server.baseUri() + "/patterns/names did not send its whole answer within"
                        + " 300 ms", failure.getMessage());
                assertClosed(clientClosed);
            }
        }

        @Test
        void aChatThatAnswersAnErrorThenGoesSilentEndsAtTheIdleTimeout() throws Exception {
            CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendRaw("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n").sendChunk("{\"error\": \"mod");
                clientClosed.complete(connection.awaitClientClose(RecordingSubscriber.WAIT));
            })) {
                FabricClient client = clientOf(server).streamIdleTimeout(Duration.ofMillis(300)).build();
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                client.chat(ChatRequest.ofPattern("summarize", "x")).subscribe(subscriber);
                FabricHttpException failure = subscriber.awaitError(FabricHttpException.class);
                assertEquals("Fabric at " + server.baseUri() + "/chat answered HTTP 500: (then nothing for 300 ms"
                        + " instead of its error message)", failure.getMessage());
                assertClosed(clientClosed);
            }
        }

        @Test
        void cancellingAnAsyncCallClosesTheConnection() throws Exception {
            CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
            CompletableFuture<Void> headersSent = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendRaw(JSON_HEADERS).sendChunk("{\"models\": [");
                headersSent.complete(null);
                clientClosed.complete(connection.awaitClientClose(RecordingSubscriber.WAIT));
            })) {
                CompletableFuture<ModelCatalog> models = clientOf(server).build().listModelsAsync();
                RawFabric.await(headersSent);
                models.cancel(true);
                assertClosed(clientClosed);
                assertThrows(CancellationException.class, models::join);
            }
        }
    }

    @Nested
    class FailuresAfterConnecting {

        @Test
        void aConnectionClosedWithoutAnAnswerIsNotUnreachable() throws Exception {
            try (RawFabric server = RawFabric.start(RawFabric.Connection::close)) {
                FabricConnectionException failure = assertThrows(FabricConnectionException.class,
                        () -> clientOf(server).build().listStrategies());
                assertTrue(failure.getMessage().startsWith("The exchange with Fabric at " + server.baseUri()
                        + "/strategies failed after connecting: Fabric closed the connection"), failure.getMessage());
            }
        }

        @Test
        void oversizedHeadersAreNotUnreachable() throws Exception {
            try (RawFabric server = RawFabric.start(connection -> connection.sendRaw(
                    "HTTP/1.1 200 OK\r\nX-Big: " + "h".repeat(2 * 1024 * 1024) + "\r\nContent-Length: 2\r\n\r\n[]"))) {
                FabricException failure = assertThrows(FabricException.class,
                        () -> clientOf(server).build().listPatternNames());
                assertInstanceOf(FabricConnectionException.class, failure, failure.getMessage());
                assertFalse(failure.getMessage().contains("not reachable"), failure.getMessage());
            }
        }

        @Test
        void aChatConnectionClosedBeforeTheHeadersIsNotUnreachable() throws Exception {
            try (RawFabric server = RawFabric.start(RawFabric.Connection::close)) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                clientOf(server).build().chat(ChatRequest.ofPattern("summarize", "x")).subscribe(subscriber);
                FabricConnectionException failure = subscriber.awaitError(FabricConnectionException.class);
                assertTrue(failure.detail().startsWith("Fabric closed the connection"), failure.detail());
            }
        }
    }

    @Nested
    class NamesThatFabricWouldReadAsPaths {

        private static final List<String> PATHS = List.of("/etc/passwd", "~/.config/fabric/.env",
                "../../../etc/passwd", ".env", "~root", "\\\\server\\share", "a/b", "x\r\nX-Evil: 1",
                "n".repeat(256));

        @Test
        void areRefusedInEveryFieldOfTheChatBodyBeforeAnyRequest() throws Exception {
            try (RawFabric server = RawFabric.start(connection -> connection.sendStreamHeaders()
                    .sendEvents(COMPLETE).endBody())) {
                FabricClient client = clientOf(server).build();
                for (String name : PATHS) {
                    List<ChatPrompt> prompts = List.of(
                            ChatPrompt.builder().patternName(name).build(),
                            ChatPrompt.builder().patternName("summarize").contextName(name).build(),
                            ChatPrompt.builder().patternName("summarize").sessionName(name).build(),
                            ChatPrompt.builder().patternName("summarize").strategyName(name).build());
                    for (ChatPrompt prompt : prompts) {
                        ChatRequest request = ChatRequest.builder().prompt(prompt).build();
                        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                                () -> client.chat(request), () -> "accepted " + prompt);
                        assertFalse(refused.getMessage().contains("\n") || refused.getMessage().contains("\r"),
                                refused.getMessage());
                        assertTrue(refused.getMessage().length() < 300, refused.getMessage());
                    }
                }
                assertEquals(0, server.connections(), "no request reached Fabric");
            }
        }

        @Test
        void areRefusedOnEveryRouteBeforeAnyRequest() throws Exception {
            try (RawFabric server = RawFabric.start(RawFabric.Connection::close)) {
                FabricClient client = clientOf(server).build();
                for (String name : PATHS) {
                    assertThrows(IllegalArgumentException.class, () -> client.getPattern(name), name);
                    assertThrows(IllegalArgumentException.class, () -> client.getContext(name), name);
                    assertThrows(IllegalArgumentException.class, () -> client.getSession(name), name);
                    assertThrows(IllegalArgumentException.class, () -> client.applyPattern(name, "", java.util.Map.of()),
                            name);
                }
                assertEquals(0, server.connections(), "no request reached Fabric");
            }
        }
    }
}
