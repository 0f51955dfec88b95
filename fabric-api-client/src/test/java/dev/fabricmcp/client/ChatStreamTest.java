package dev.fabricmcp.client;

import static dev.fabricmcp.client.EmulatedFabric.COMPLETE;
import static dev.fabricmcp.client.EmulatedFabric.content;
import static dev.fabricmcp.client.EmulatedFabric.json;
import static dev.fabricmcp.client.EmulatedFabric.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.client.FabricChunk.Type;
import dev.fabricmcp.emulator.Answer;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RawFabric;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /chat} as a {@code Flow.Publisher<FabricChunk>}: what arrives, when, and how a stream ends. */
class ChatStreamTest {

    @RegisterExtension
    static final EmulatedFabric stub = new EmulatedFabric();
    private static final FabricEmulator fabric = stub.emulator();
    private static final ChatRequest SUMMARIZE = ChatRequest.ofPattern("summarize", "some text");
    private final FabricClient client = stub.newClient();

    private RecordingSubscriber chat(FabricClient fabricClient) {
        RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
        fabricClient.chat(SUMMARIZE).subscribe(subscriber);
        return subscriber;
    }

    private static FabricClient clientOf(RawFabric server) {
        return FabricClient.builder().baseUri(server.baseUri()).build();
    }

    private static void assertNamesTheUrl(FabricException failure, URI base) {
        assertEquals(URI.create(base + "/chat"), failure.uri());
        assertTrue(failure.getMessage().contains(base + "/chat"), failure.getMessage());
    }

    @Nested
    class WhenFabricAnswers {

        @Test
        void relaysEachChunkBeforeTheBodyEnds() throws Exception {
            CompletableFuture<Void> firstChunkReceived = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendStreamHeaders().sendEvents(content("Hello"));
                // The rest of the body is written only once the client has shown the first chunk.
                RawFabric.await(firstChunkReceived);
                connection.sendEvents(content(" world"), COMPLETE).endBody();
            })) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                clientOf(server).chat(SUMMARIZE).subscribe(subscriber);

                FabricChunk first = subscriber.awaitNextChunk();
                assertEquals(FabricChunk.content("markdown", "Hello"), first);
                firstChunkReceived.complete(null);

                subscriber.awaitCompletion();
                assertEquals(List.of("Hello", " world"), subscriber.contents());
                RawFabric.await(server.scriptDone());
            }
        }

        @Test
        void completesAfterFabricsCompleteEventAndTheEndOfTheBody() {
            fabric.answer("POST", "/chat", stream(content("Hello"), content(" world"),
                    "{\"type\":\"usage\",\"usage\":{\"input_tokens\":9,\"output_tokens\":2,\"total_tokens\":11}}",
                    content("\\n"), COMPLETE));

            List<FabricChunk> chunks = chat(client).awaitCompletion();

            assertEquals(List.of(
                    FabricChunk.content("markdown", "Hello"),
                    FabricChunk.content("markdown", " world"),
                    new FabricChunk(Type.USAGE, "", "", new FabricChunk.Usage(9, 2, 11)),
                    FabricChunk.content("markdown", "\n"),
                    new FabricChunk(Type.COMPLETE, "plain", "", null)), chunks);
        }

        @Test
        void decodesFabricsEscapesAndFormats() {
            fabric.answer("POST", "/chat", stream(
                    "{\"type\":\"content\",\"format\":\"mermaid\",\"content\":\"graph TD\\nA--\\u003eB\"}",
                    "{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"caf\u00e9 \uD83C\uDF89\"}",
                    "{\"type\":\"content\",\"format\":\"markdown\"}",
                    COMPLETE));

            List<FabricChunk> chunks = chat(client).awaitCompletion();

            assertEquals(FabricChunk.content("mermaid", "graph TD\nA-->B"), chunks.get(0));
            assertEquals(FabricChunk.content("markdown", "café 🎉"), chunks.get(1));
            assertEquals(FabricChunk.content("markdown", ""), chunks.get(2), "Ollama's empty final delta");
        }

        @Test
        void relaysEveryPromptOfAMultiPromptRequestWithEachComplete() {
            fabric.answer("POST", "/chat", stream(content("one"), COMPLETE, content("two"), COMPLETE));

            List<FabricChunk> chunks = chat(client).awaitCompletion();

            assertEquals(List.of(Type.CONTENT, Type.COMPLETE, Type.CONTENT, Type.COMPLETE),
                    chunks.stream().map(FabricChunk::type).toList());
        }

        @Test
        void readsABodyDribbledInSmallPiecesWhole() {
            String[] events = new String[41];
            for (int i = 0; i < 40; i++) {
                events[i] = content("token " + i + " é");
            }
            events[40] = COMPLETE;
            fabric.answer("POST", "/chat", stream(events).inPieces(200, Duration.ofMillis(2)));

            RecordingSubscriber subscriber = chat(client);

            assertEquals(41, subscriber.awaitCompletion().size());
            assertEquals("token 39 é", subscriber.contents().get(39));
        }

        @Test
        void acceptsTheOlderCompleteEventWithEmptyContent() {
            fabric.answer("POST", "/chat", stream(content("x"),
                    "{\"type\":\"complete\",\"format\":\"plain\",\"content\":\"\"}"));

            assertEquals(2, chat(client).awaitCompletion().size());
        }
    }

    @Nested
    class WhenFabricReportsAnError {

        private static final String MISSING_PATTERN = "Error: could not get pattern nope: pattern 'nope' not found. "
                + "Run 'fabric -l' to see available patterns";

        @Test
        void failsWithFabricsTextAndTheErrorChunk() {
            fabric.answer("POST", "/chat", stream(
                    "{\"type\":\"error\",\"format\":\"plain\",\"content\":\"" + MISSING_PATTERN + "\"}", COMPLETE));

            RecordingSubscriber subscriber = chat(client);

            FabricStreamException failure = subscriber.awaitError(FabricStreamException.class);
            assertEquals(FabricStreamException.Reason.ERROR_EVENT, failure.reason());
            assertEquals(MISSING_PATTERN, failure.detail());
            assertTrue(failure.getMessage().contains(MISSING_PATTERN), failure.getMessage());
            assertEquals(new FabricChunk(Type.ERROR, "plain", MISSING_PATTERN, null), failure.errorChunk().orElseThrow());
            assertNamesTheUrl(failure, fabric.uri());
            subscriber.assertReceivedExactly(0);
        }

        @Test
        void deliversTheChunksBeforeTheErrorFirst() {
            String llmFailure = "Error: POST \\\"http://127.0.0.1:4010/chat/completions\\\": 500 Internal Server Error";
            fabric.answer("POST", "/chat", stream(content("partial"), content(" answer"),
                    "{\"type\":\"error\",\"format\":\"plain\",\"content\":\"" + llmFailure + "\"}", COMPLETE));

            RecordingSubscriber subscriber = chat(client);

            FabricStreamException failure = subscriber.awaitError(FabricStreamException.class);
            assertEquals(FabricStreamException.Reason.ERROR_EVENT, failure.reason());
            assertEquals(List.of("partial", " answer"), subscriber.contents());
            subscriber.assertReceivedExactly(2);
        }
    }

    @Nested
    class WhenTheStreamIsBroken {

        @Test
        void failsOnAnEventThatIsNotJsonQuotingItsData() {
            fabric.answer("POST", "/chat", stream(content("ok"), "{\"type\":\"content\",\"cont"));

            RecordingSubscriber subscriber = chat(client);

            FabricStreamException failure = subscriber.awaitError(FabricStreamException.class);
            assertEquals(FabricStreamException.Reason.MALFORMED_EVENT, failure.reason());
            assertTrue(failure.getMessage().contains("{\"type\":\"content\",\"cont"), failure.getMessage());
            assertNamesTheUrl(failure, fabric.uri());
            assertEquals(List.of("ok"), subscriber.contents());
        }

        @Test
        void skipsAnEventOfATypeOnlyANewerFabricSends() {
            fabric.answer("POST", "/chat", stream(content("Hel"), "{\"type\":\"thinking\",\"content\":\"hm\"}",
                    content("lo"), COMPLETE));

            RecordingSubscriber subscriber = chat(client);
            List<FabricChunk> chunks = subscriber.awaitCompletion();

            assertEquals(List.of("Hel", "lo"), subscriber.contents());
            assertEquals(FabricChunk.Type.COMPLETE, chunks.get(chunks.size() - 1).type());
        }

        /** A usage event without counts: what the message must name. */
        static Stream<Arguments> unreadableEvents() {
            return Stream.of(Arguments.of("{\"type\":\"usage\"}", List.of("usage")));
        }

        @ParameterizedTest
        @MethodSource("unreadableEvents")
        void failsOnAnEventItCannotRead(String event, List<String> named) {
            fabric.answer("POST", "/chat", stream(event, COMPLETE));

            FabricStreamException failure = chat(client).awaitError(FabricStreamException.class);

            assertEquals(FabricStreamException.Reason.MALFORMED_EVENT, failure.reason());
            named.forEach(part -> assertTrue(failure.getMessage().contains(part), failure.getMessage()));
        }

        @Test
        void failsAsIncompleteWhenTheBodyEndsWithoutComplete() {
            fabric.answer("POST", "/chat", stream(content("Hello")));

            RecordingSubscriber subscriber = chat(client);

            FabricStreamException failure = subscriber.awaitError(FabricStreamException.class);
            assertEquals(FabricStreamException.Reason.INCOMPLETE, failure.reason());
            assertNamesTheUrl(failure, fabric.uri());
            assertEquals(List.of("Hello"), subscriber.contents());
        }

        @Test
        void failsAsIncompleteWhenContentFollowsTheLastComplete() {
            fabric.answer("POST", "/chat", stream(content("one"), COMPLETE, content("two")));

            FabricStreamException failure = chat(client).awaitError(FabricStreamException.class);

            assertEquals(FabricStreamException.Reason.INCOMPLETE, failure.reason());
        }

        @Test
        void failsWhenTheBodyEndsInTheMiddleOfAnEvent() {
            fabric.answer("POST", "/chat", Answer.status(200)
                    .header("Content-Type", "text/readystream")
                    .body(Answer.events(content("a"), COMPLETE) + "data: {\"type\":\"content\""));

            FabricStreamException failure = chat(client).awaitError(FabricStreamException.class);

            assertEquals(FabricStreamException.Reason.MALFORMED_EVENT, failure.reason());
            assertTrue(failure.getMessage().contains("ended in the middle of an event"), failure.getMessage());
        }

        @Test
        void failsAsDisconnectedWhenTheConnectionIsCutMidStream() throws Exception {
            CompletableFuture<Void> firstChunkReceived = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendStreamHeaders().sendEvents(content("Hel"));
                RawFabric.await(firstChunkReceived);
                connection.close(); // no zero-length chunk: the body is cut, not ended
            })) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded()
                        .onEachChunk(chunk -> firstChunkReceived.complete(null));
                clientOf(server).chat(SUMMARIZE).subscribe(subscriber);

                FabricStreamException failure = subscriber.awaitError(FabricStreamException.class);
                assertEquals(FabricStreamException.Reason.DISCONNECTED, failure.reason());
                assertNamesTheUrl(failure, server.baseUri());
                assertSaysItInWords(failure);
                assertEquals(List.of("Hel"), subscriber.contents());
            }
        }

        @Test
        void failsAsDisconnectedWhenTheConnectionIsResetMidStream() throws Exception {
            CompletableFuture<Void> firstChunkReceived = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendStreamHeaders().sendEvents(content("Hel"));
                RawFabric.await(firstChunkReceived);
                connection.reset();
            })) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded()
                        .onEachChunk(chunk -> firstChunkReceived.complete(null));
                clientOf(server).chat(SUMMARIZE).subscribe(subscriber);

                FabricStreamException failure = subscriber.awaitError(FabricStreamException.class);
                assertEquals(FabricStreamException.Reason.DISCONNECTED, failure.reason());
                assertSaysItInWords(failure);
                assertEquals(List.of("Hel"), subscriber.contents());
            }
        }

        /** The message reaches MCP clients: it says what happened, never which Java exception said so. */
        private void assertSaysItInWords(FabricStreamException failure) {
            assertFalse(failure.getMessage().contains("Exception"), failure.getMessage());
        }

        @Test
        void failsOnAMalformedHttpChunkWithoutHanging() throws Exception {
            try (RawFabric broken = RawFabric.start(connection -> connection.sendStreamHeaders()
                    .sendRaw("zz\r\nnot a chunk\r\n").close())) {
                FabricException failure = chat(EmulatedFabric.clientOf(broken.baseUri()).build())
                        .awaitError(FabricException.class);

                assertNamesTheUrl(failure, broken.baseUri());
            }
        }

        @Test
        void failsOnAResetBeforeTheHeadersWithoutHanging() throws Exception {
            try (RawFabric broken = RawFabric.start(RawFabric.Connection::reset)) {
                FabricException failure = chat(EmulatedFabric.clientOf(broken.baseUri()).build())
                        .awaitError(FabricException.class);

                assertNamesTheUrl(failure, broken.baseUri());
            }
        }
    }

    @Nested
    class WhenFabricFallsSilent {

        /** A client of {@code server} that gives up on a stream after 300 ms without a byte. */
        private static FabricClient impatient(RawFabric server) {
            return FabricClient.builder().baseUri(server.baseUri()).streamIdleTimeout(Duration.ofMillis(300)).build();
        }

        /** Runs a chat on an impatient client of {@code server} and returns its failure, an idle timeout. */
        private static FabricStreamException idleTimeoutOf(RawFabric server, RecordingSubscriber subscriber) {
            impatient(server).chat(SUMMARIZE).subscribe(subscriber);
            FabricStreamException failure = subscriber.awaitError(FabricStreamException.class);
            assertEquals(FabricStreamException.Reason.IDLE_TIMEOUT, failure.reason());
            return failure;
        }

        @Test
        void failsAfterTheIdleTimeoutWhenNoMoreBytesArrive() throws Exception {
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendStreamHeaders().sendEvents(content("thinking..."));
                connection.awaitClientClose(RecordingSubscriber.WAIT); // stalls, holding the connection open
            })) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

                FabricStreamException failure = idleTimeoutOf(server, subscriber);
                assertTrue(failure.getMessage().contains("300 ms"), failure.getMessage());
                assertNamesTheUrl(failure, server.baseUri());
                assertEquals(List.of("thinking..."), subscriber.contents());
            }
        }

        @Test
        void failsAfterTheIdleTimeoutWhenTheHeadersNeverCome() throws Exception {
            try (RawFabric server = RawFabric.start(
                    connection -> connection.awaitClientClose(RecordingSubscriber.WAIT))) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

                FabricStreamException failure = idleTimeoutOf(server, subscriber);
                subscriber.assertReceivedExactly(0);
            }
        }

        @Test
        void doesNotTimeOutWhileTheSubscriberHoldsItsDemand() throws Exception {
            CompletableFuture<Void> resumed = new CompletableFuture<>();
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendStreamHeaders().sendEvents(content("a"), content("b"));
                RawFabric.await(resumed);
                connection.sendEvents(COMPLETE).endBody();
            })) {
                FabricClient impatient = impatient(server);
                RecordingSubscriber subscriber = RecordingSubscriber.requesting(1);
                impatient.chat(SUMMARIZE).subscribe(subscriber);
                subscriber.awaitNextChunk();

                // Hold well past the idle timeout: a timer fires only while the client waits for bytes, so use a
                // second stream's timeout as the clock instead of sleeping.
                awaitIdleTimeoutOfAnotherStream();
                subscriber.request(1);
                assertEquals("b", subscriber.awaitNextChunk().content());
                resumed.complete(null);
                subscriber.request(Long.MAX_VALUE);

                assertEquals(3, subscriber.awaitCompletion().size());
            }
        }

        @Test
        void aSubscriberThatBlocksOnItsTimeoutHoldsUpNoOtherStreamsTimeout() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            try (RawFabric server = RawFabric.start(connection -> {
                connection.sendStreamHeaders().sendEvents(content("thinking..."));
                connection.awaitClientClose(RecordingSubscriber.WAIT);
            })) {
                FabricClient impatient = impatient(server);
                // Streams whose subscribers block where they are told of the failure. Which thread tells them
                // may vary from one stream to the next, hence three: each must leave the others' timers running.
                for (int i = 0; i < 3; i++) {
                    CompletableFuture<Throwable> blocked = new CompletableFuture<>();
                    impatient.chat(SUMMARIZE).subscribe(new BlockingOnError(blocked, release));
                    assertInstanceOf(FabricStreamException.class, blocked.get(10, TimeUnit.SECONDS));
                }

                RecordingSubscriber other = RecordingSubscriber.unbounded();
                impatient.chat(SUMMARIZE).subscribe(other);

                assertEquals(FabricStreamException.Reason.IDLE_TIMEOUT,
                        other.awaitError(FabricStreamException.class).reason());
            } finally {
                release.countDown();
            }
        }

        /** Requests everything, then blocks in onError until released. */
        private record BlockingOnError(CompletableFuture<Throwable> blocked, CountDownLatch release)
                implements Flow.Subscriber<FabricChunk> {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(FabricChunk chunk) {
            }

            @Override
            public void onError(Throwable failure) {
                blocked.complete(failure);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onComplete() {
            }
        }

        /** Returns once a 600 ms idle timeout has fired on a stream of its own: proof that over 300 ms have passed. */
        private void awaitIdleTimeoutOfAnotherStream() throws Exception {
            try (RawFabric silent = RawFabric.start(
                    connection -> connection.awaitClientClose(RecordingSubscriber.WAIT))) {
                RecordingSubscriber clock = RecordingSubscriber.unbounded();
                FabricClient.builder().baseUri(silent.baseUri()).streamIdleTimeout(Duration.ofMillis(600)).build()
                        .chat(SUMMARIZE).subscribe(clock);
                assertEquals(FabricStreamException.Reason.IDLE_TIMEOUT,
                        clock.awaitError(FabricStreamException.class).reason());
            }
        }
    }

    @Nested
    class WhenTheStreamNeverStarts {

        @Test
        void failsWithAMissingKeyThroughOnError() {
            fabric.answer("POST", "/chat", json(401, "{\"error\":\"Missing API Key\"}"));

            RecordingSubscriber subscriber = chat(client);

            FabricAuthenticationException failure = subscriber.awaitError(FabricAuthenticationException.class);
            assertEquals(FabricAuthenticationException.Reason.MISSING_KEY, failure.reason());
            assertNamesTheUrl(failure, fabric.uri());
            subscriber.assertReceivedExactly(0);
        }

        @Test
        void failsWithAWrongKeyThroughOnError() {
            fabric.answer("POST", "/chat", json(401, "{\"error\":\"Wrong API Key\"}"));

            FabricAuthenticationException failure = chat(EmulatedFabric.clientOf(fabric).apiKey("nope").build())
                    .awaitError(FabricAuthenticationException.class);

            assertEquals(FabricAuthenticationException.Reason.WRONG_KEY, failure.reason());
        }

        @Test
        void failsWithFabricsTextOnABadRequest() {
            fabric.answer("POST", "/chat", json(400, "{\"error\":\"invalid request format: EOF\"}"));

            FabricHttpException failure = chat(client).awaitError(FabricHttpException.class);

            assertEquals(400, failure.statusCode());
            assertEquals("invalid request format: EOF", failure.body());
            assertNamesTheUrl(failure, fabric.uri());
        }

        @Test
        void failsAsUnreachableThroughOnErrorWhenNothingListens() {
            URI nowhere = URI.create("http://127.0.0.1:" + EmulatedFabric.refusedPort());

            RecordingSubscriber subscriber = chat(FabricClient.builder().baseUri(nowhere).build());

            FabricUnreachableException failure = subscriber.awaitError(FabricUnreachableException.class);
            assertNamesTheUrl(failure, nowhere);
            subscriber.assertReceivedExactly(0);
        }
    }
}
