package dev.fabricmcp.client;

import static dev.fabricmcp.client.EmulatedFabric.COMPLETE;
import static dev.fabricmcp.client.EmulatedFabric.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.RawFabric;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link FabricClient#chat(ChatRequest, java.util.function.Consumer)}: a stream to a callback, then the answer. */
class ChatAnswerTest {

    private static final ChatRequest SUMMARIZE = ChatRequest.ofPattern("summarize", "some text");
    private static final String USAGE =
            "{\"type\":\"usage\",\"usage\":{\"input_tokens\":9,\"output_tokens\":4,\"total_tokens\":13}}";

    @Test
    void handsEachContentChunkToTheCallbackAndCompletesWithTheWholeAnswer() throws Exception {
        try (RawFabric server = RawFabric.start(connection -> connection.sendStreamHeaders()
                .sendEvents(content("graph TD"), content("\\nA-->B"), USAGE, COMPLETE).endBody())) {
            List<String> seen = new CopyOnWriteArrayList<>();

            ChatAnswer answer = client(server).chat(SUMMARIZE, seen::add).get(10, TimeUnit.SECONDS);

            assertEquals(List.of("graph TD", "\nA-->B"), seen);
            assertEquals(new ChatAnswer("graph TD\nA-->B", "mermaid",
                    Optional.of(new FabricChunk.Usage(9, 4, 13))), answer);
        }
    }

    @Test
    void anAnswerWithoutUsageIsMarkdownWithNoUsage() throws Exception {
        try (RawFabric server = RawFabric.start(connection ->
                connection.sendStreamHeaders().sendEvents(content("# Title"), COMPLETE).endBody())) {
            ChatAnswer answer = client(server).chat(SUMMARIZE, text -> { }).get(10, TimeUnit.SECONDS);

            assertEquals(new ChatAnswer("# Title", "markdown", Optional.empty()), answer);
        }
    }

    @Test
    void failsWithFabricsErrorEventAfterTheChunksBeforeIt() throws Exception {
        try (RawFabric server = RawFabric.start(connection -> connection.sendStreamHeaders()
                .sendEvents(content("partial"), "{\"type\":\"error\",\"content\":\"Error: model gone\"}").endBody())) {
            List<String> seen = new CopyOnWriteArrayList<>();

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> client(server).chat(SUMMARIZE, seen::add).get(10, TimeUnit.SECONDS));

            assertEquals(List.of("partial"), seen);
            FabricStreamException stream = assertInstanceOf(FabricStreamException.class, failure.getCause());
            assertEquals(FabricStreamException.Reason.ERROR_EVENT, stream.reason());
        }
    }

    @Test
    void aCallbackThatThrowsEndsTheRunWithItsExceptionAndClosesTheConnection() throws Exception {
        CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
        try (RawFabric server = RawFabric.start(connection -> {
            connection.sendStreamHeaders().sendEvents(content("first"), content("second"));
            clientClosed.complete(connection.awaitClientClose(RecordingSubscriber.WAIT));
        })) {
            IllegalStateException thrown = new IllegalStateException("the callback gave up");

            ExecutionException failure = assertThrows(ExecutionException.class, () -> client(server)
                    .chat(SUMMARIZE, text -> { throw thrown; }).get(10, TimeUnit.SECONDS));

            assertSame(thrown, failure.getCause());
            assertTrue(clientClosed.get(10, TimeUnit.SECONDS), "Fabric sees the connection close");
        }
    }

    @Test
    void cancellingTheAnswerClosesTheConnection() throws Exception {
        CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
        try (RawFabric server = RawFabric.start(connection -> {
            connection.sendStreamHeaders().sendEvents(content("first"));
            clientClosed.complete(connection.awaitClientClose(RecordingSubscriber.WAIT));
        })) {
            CompletableFuture<String> firstChunk = new CompletableFuture<>();
            CompletableFuture<ChatAnswer> answer = client(server).chat(SUMMARIZE, firstChunk::complete);
            assertEquals("first", firstChunk.get(10, TimeUnit.SECONDS));

            answer.cancel(true);

            assertTrue(clientClosed.get(10, TimeUnit.SECONDS), "Fabric sees the connection close");
            assertTrue(answer.isCancelled());
        }
    }

    private static FabricClient client(RawFabric server) {
        return FabricClient.builder().baseUri(server.baseUri()).build();
    }
}
