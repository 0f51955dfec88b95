package dev.fabricmcp.client;

import static dev.fabricmcp.client.EmulatedFabric.COMPLETE;
import static dev.fabricmcp.client.EmulatedFabric.content;
import static dev.fabricmcp.client.EmulatedFabric.json;
import static dev.fabricmcp.client.EmulatedFabric.requests;
import static dev.fabricmcp.client.EmulatedFabric.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RawFabric;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat stream honours {@code Flow} demand and the Reactive Streams rules a subscriber relies on. */
class ChatStreamDemandTest {

    private static final int EVENTS = 1000;
    private static final ChatRequest SUMMARIZE = ChatRequest.ofPattern("summarize", "some text");

    @RegisterExtension
    static final EmulatedFabric stub = new EmulatedFabric();
    private static final FabricEmulator fabric = stub.emulator();
    private final FabricClient client = stub.newClient();

    /** A server that writes {@value #EVENTS} content events and {@code complete} at once, and says when it has. */
    private static RawFabric eagerServer(CompletableFuture<Void> allWritten) throws Exception {
        return RawFabric.start(connection -> {
            String[] events = new String[EVENTS + 1];
            for (int i = 0; i < EVENTS; i++) {
                events[i] = content(Integer.toString(i));
            }
            events[EVENTS] = COMPLETE;
            connection.sendStreamHeaders().sendEvents(events).endBody();
            allWritten.complete(null);
            connection.awaitClientClose(RecordingSubscriber.WAIT);
        });
    }

    @Nested
    class ASubscriberThatHoldsItsDemand {

        @Test
        void getsExactlyAsManyChunksAsItRequestedWhileTheServerHasSentAll() throws Exception {
            CompletableFuture<Void> allWritten = new CompletableFuture<>();
            try (RawFabric server = eagerServer(allWritten)) {
                RecordingSubscriber subscriber = RecordingSubscriber.requesting(1);
                FabricClient.builder().baseUri(server.baseUri()).build().chat(SUMMARIZE).subscribe(subscriber);

                assertEquals("0", subscriber.awaitNextChunk().content());
                RawFabric.await(allWritten);
                // Holding: every event is on its way; the subscriber flags any onNext beyond the 1 it granted.
                subscriber.request(1);
                assertEquals("1", subscriber.awaitNextChunk().content());
                subscriber.assertReceivedExactly(2);
                subscriber.assertWellBehaved();

                subscriber.request(Long.MAX_VALUE);
                List<FabricChunk> chunks = subscriber.awaitCompletion();
                assertEquals(EVENTS + 1, chunks.size());
                for (int i = 0; i < EVENTS; i++) {
                    assertEquals(Integer.toString(i), chunks.get(i).content());
                }
            }
        }

        @Test
        void getsEachChunkInOrderWhenRequestingOneAtATime() throws Exception {
            CompletableFuture<Void> allWritten = new CompletableFuture<>();
            try (RawFabric server = eagerServer(allWritten)) {
                RecordingSubscriber subscriber = RecordingSubscriber.requesting(0);
                FabricClient.builder().baseUri(server.baseUri()).build().chat(SUMMARIZE).subscribe(subscriber);

                for (int i = 0; i < EVENTS; i++) {
                    subscriber.request(1);
                    assertEquals(Integer.toString(i), subscriber.awaitNextChunk().content());
                }
                subscriber.request(1);
                assertEquals(FabricChunk.Type.COMPLETE, subscriber.awaitNextChunk().type());

                assertEquals(EVENTS + 1, subscriber.awaitCompletion().size());
            }
        }

        @Test
        void getsOnCompleteWithoutRequestingBeyondTheLastChunk() throws Exception {
            CompletableFuture<Void> completeChunkReceived = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendStreamHeaders().sendEvents(content("a"), content("b"), COMPLETE);
                // The end of the body comes in a later read, after the subscriber's demand is used up.
                RawFabric.await(completeChunkReceived);
                connection.endBody();
                connection.awaitClientClose(RecordingSubscriber.WAIT);
            })) {
                RecordingSubscriber subscriber = RecordingSubscriber.requesting(3);
                FabricClient.builder().baseUri(server.baseUri()).build().chat(SUMMARIZE).subscribe(subscriber);
                subscriber.awaitNextChunk();
                subscriber.awaitNextChunk();
                assertEquals(FabricChunk.Type.COMPLETE, subscriber.awaitNextChunk().type());
                completeChunkReceived.complete(null);

                assertEquals(3, subscriber.awaitCompletion().size(), "a terminal signal needs no demand");
            }
        }

        @Test
        void getsOnCompleteWithoutRequestingBeyondTheLastChunkOfAWholeBody() {
            fabric.answer("POST", "/chat", stream(content("a"), content("b"), COMPLETE));
            RecordingSubscriber subscriber = RecordingSubscriber.requesting(2);

            client.chat(SUMMARIZE).subscribe(subscriber);
            subscriber.awaitNextChunk();
            subscriber.awaitNextChunk();
            subscriber.request(1);

            assertEquals(FabricChunk.Type.COMPLETE, subscriber.awaitNextChunk().type());
            assertEquals(3, subscriber.awaitCompletion().size());
        }
    }

    @Nested
    class ANonPositiveRequest {

        @Test
        void ofZeroFailsTheStreamWithIllegalArgumentEvenWithChunksWaiting() throws Exception {
            CompletableFuture<Void> allWritten = new CompletableFuture<>();
            try (RawFabric server = eagerServer(allWritten)) {
                RecordingSubscriber subscriber = RecordingSubscriber.requesting(1);
                FabricClient.builder().baseUri(server.baseUri()).build().chat(SUMMARIZE).subscribe(subscriber);
                subscriber.awaitNextChunk();
                RawFabric.await(allWritten);

                subscriber.request(0);

                IllegalArgumentException failure = subscriber.awaitError(IllegalArgumentException.class);
                assertTrue(failure.getMessage().contains("3.9"), failure.getMessage());
                subscriber.assertReceivedExactly(1);
            }
        }

        @Test
        void ofMinusOneBeforeAnyChunkFailsTheStreamWithIllegalArgument() {
            fabric.answer("POST", "/chat", stream(content("a"), COMPLETE));
            RecordingSubscriber subscriber = RecordingSubscriber.requesting(0);
            client.chat(SUMMARIZE).subscribe(subscriber);

            subscriber.request(-1);

            subscriber.awaitError(IllegalArgumentException.class);
            subscriber.assertReceivedExactly(0);
        }
    }

    @Nested
    class ASecondSubscriber {

        @Test
        void isSubscribedThenFailedWithIllegalStateAndSendsNoSecondRequest() {
            fabric.answer("POST", "/chat", stream(content("a"), COMPLETE));
            Flow.Publisher<FabricChunk> publisher = client.chat(SUMMARIZE);
            RecordingSubscriber first = RecordingSubscriber.unbounded();
            RecordingSubscriber second = RecordingSubscriber.unbounded();

            publisher.subscribe(first);
            publisher.subscribe(second);

            IllegalStateException failure = second.awaitError(IllegalStateException.class);
            assertTrue(failure.getMessage().contains("one subscriber"), failure.getMessage());
            second.assertReceivedExactly(0);
            assertEquals(List.of("a"), first.awaitCompletion().stream()
                    .filter(chunk -> chunk.type() == FabricChunk.Type.CONTENT).map(FabricChunk::content).toList());
            assertEquals(1, requests(fabric, "POST", "/chat").size());
        }
    }

    @Nested
    class TheOutcome {

        /** Aborting the exchange must not let its own cancellation replace the failure that caused the abort. */
        @RepeatedTest(25)
        void isFabricsStatusNotTheAbortThatFollowsIt() {
            fabric.answer("POST", "/chat", json(503, "\"overloaded\""));
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

            client.chat(SUMMARIZE).subscribe(subscriber);

            assertEquals(503, subscriber.awaitError(FabricHttpException.class).statusCode());
        }

        @RepeatedTest(25)
        void isFabricsErrorEventNotTheAbortThatFollowsIt() {
            fabric.answer("POST", "/chat", stream(
                    "{\"type\":\"error\",\"format\":\"plain\",\"content\":\"Error: boom\"}", COMPLETE));
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

            client.chat(SUMMARIZE).subscribe(subscriber);

            assertEquals(FabricStreamException.Reason.ERROR_EVENT,
                    subscriber.awaitError(FabricStreamException.class).reason());
        }
    }
}
