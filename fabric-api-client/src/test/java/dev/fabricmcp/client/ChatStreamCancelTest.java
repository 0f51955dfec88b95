package dev.fabricmcp.client;

import static dev.fabricmcp.client.EmulatedFabric.COMPLETE;
import static dev.fabricmcp.client.EmulatedFabric.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.RawFabric;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Cancelling the subscription closes the HTTP connection: that is the only way Fabric learns to stop the model.
 * Each server here blocks reading its socket and reports when the read ends, which happens only when the client
 * closes (or resets) the connection.
 */
class ChatStreamCancelTest {

    private static final ChatRequest SUMMARIZE = ChatRequest.ofPattern("summarize", "some text");

    /** Within this time of {@code cancel()} the server must see the connection end. */
    private static final long CLOSE_WITHIN_MILLIS = 1000;

    private static void assertClosedWithinASecond(CompletableFuture<Boolean> clientClosed) throws Exception {
        assertTrue(clientClosed.get(CLOSE_WITHIN_MILLIS, TimeUnit.MILLISECONDS),
                "the server's read should end because the client closed the connection");
    }

    @Nested
    class AfterTheFirstChunk {

        @Test
        void closesTheConnectionWithinASecond() throws Exception {
            CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendStreamHeaders().sendEvents(content("first"));
                clientClosed.complete(connection.awaitClientClose(RecordingSubscriber.WAIT));
            })) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                FabricClient.builder().baseUri(server.baseUri()).build().chat(SUMMARIZE).subscribe(subscriber);
                assertEquals("first", subscriber.awaitNextChunk().content());

                subscriber.cancel();

                assertClosedWithinASecond(clientClosed);
                assertFalse(subscriber.isTerminated(), "a cancelled subscription is sent no terminal signal");
                subscriber.assertWellBehaved();
                assertEquals(1, server.connections());
            }
        }

        @Test
        void closesTheConnectionWhenCancelledFromInsideOnNext() throws Exception {
            CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendStreamHeaders().sendEvents(content("first"), content("second"));
                clientClosed.complete(connection.awaitClientClose(RecordingSubscriber.WAIT));
            })) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                subscriber.onEachChunk(chunk -> subscriber.cancel());
                FabricClient.builder().baseUri(server.baseUri()).build().chat(SUMMARIZE).subscribe(subscriber);

                subscriber.awaitNextChunk();

                assertClosedWithinASecond(clientClosed);
                assertEquals(List.of("first"), subscriber.contents(), "nothing is delivered after cancel()");
                assertFalse(subscriber.isTerminated());
            }
        }
    }

    @Nested
    class BeforeTheHeaders {

        @Test
        void closesTheConnectionWithinASecond() throws Exception {
            CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(
                    connection -> clientClosed.complete(connection.awaitClientClose(RecordingSubscriber.WAIT)))) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                FabricClient.builder().baseUri(server.baseUri()).build().chat(SUMMARIZE).subscribe(subscriber);
                String request = RawFabric.await(server.firstRequest());
                assertTrue(request.startsWith("POST /chat HTTP/1.1"), request);

                subscriber.cancel();

                assertClosedWithinASecond(clientClosed);
                assertFalse(subscriber.isTerminated());
                subscriber.assertReceivedExactly(0);
            }
        }
    }

    @Nested
    class AfterTheEnd {

        @Test
        void changesNothing() throws Exception {
            try (RawFabric server = RawFabric.start(connection ->
                    connection.sendStreamHeaders().sendEvents(content("a"), COMPLETE).endBody())) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                FabricClient.builder().baseUri(server.baseUri()).build().chat(SUMMARIZE).subscribe(subscriber);
                List<FabricChunk> chunks = subscriber.awaitCompletion();

                subscriber.cancel();
                subscriber.request(1);

                subscriber.assertWellBehaved();
                assertEquals(chunks, subscriber.chunks());
            }
        }
    }
}
