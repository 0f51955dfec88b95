package dev.fabricmcp.client;

import static dev.fabricmcp.client.EmulatedFabric.json;
import static dev.fabricmcp.client.EmulatedFabric.requests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;

import dev.fabricmcp.emulator.Answer;
import dev.fabricmcp.emulator.FabricEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GETs are tried again when Fabric is briefly away; anything that may cost model tokens is sent once. */
class FabricClientRetryTest {

    @RegisterExtension
    static final EmulatedFabric stub = new EmulatedFabric();
    private static final FabricEmulator fabric = stub.emulator();
    private final FabricClient client = stub.newClient();

    /**
     * A real JDK client whose requests the test counts ({@link #sent}): it counts what a server cannot, attempts
     * against a port where nothing listens.
     */
    private static HttpClient countingClient() {
        return mock(HttpClient.class, delegatesTo(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build()));
    }

    /** How many requests {@code client} from {@link #countingClient()} was asked to send. */
    private static long sent(HttpClient client) {
        return mockingDetails(client).getInvocations().stream()
                .filter(call -> call.getMethod().getName().startsWith("send"))
                .count();
    }

    /** Answers each listed status in turn, then 200 with the pattern names. */
    private void answerInTurn(int... statuses) {
        Answer[] answers = new Answer[statuses.length + 1];
        for (int i = 0; i < statuses.length; i++) {
            answers[i] = Answer.status(statuses[i]).body("busy");
        }
        answers[statuses.length] = json("[\"summarize\"]");
        fabric.answer("GET", "/patterns/names", answers);
    }

    @Nested
    class AGet {

        @Test
        void succeedsAfterTwo503s() {
            answerInTurn(503, 503);

            assertEquals(List.of("summarize"), client.listPatternNames());

            assertEquals(3, requests(fabric, "GET", "/patterns/names").size());
        }

        @ParameterizedTest
        @ValueSource(ints = {502, 503, 504})
        void isTriedAgainAfterAGatewayStatus(int status) {
            answerInTurn(status);

            assertEquals(List.of("summarize"), client.listPatternNames());

            assertEquals(2, requests(fabric, "GET", "/patterns/names").size());
        }

        @Test
        void givesUpAfterFourFailuresWithTheLastError() {
            answerInTurn(503, 503, 503, 503);

            FabricHttpException failure = assertThrows(FabricHttpException.class, client::listPatternNames);

            assertEquals(503, failure.statusCode());
            assertEquals("busy", failure.body());
            assertEquals(4, requests(fabric, "GET", "/patterns/names").size());
        }

        @Test
        void isNotTriedAgainAfterA500() {
            fabric.answer("GET", "/patterns/names", json(500, "\"boom\""));

            assertThrows(FabricHttpException.class, client::listPatternNames);

            assertEquals(1, requests(fabric, "GET", "/patterns/names").size());
        }

        @Test
        void isNotTriedAgainAfterA401() {
            fabric.answer("GET", "/patterns/names", json(401, "{\"error\":\"Missing API Key\"}"));

            assertThrows(FabricAuthenticationException.class, client::listPatternNames);

            assertEquals(1, requests(fabric, "GET", "/patterns/names").size());
        }

        @Test
        void toARefusedPortIsTriedFourTimesWithTheDefaultPolicyThenFailsAsUnreachable() {
            HttpClient counting = countingClient();
            String url = "http://127.0.0.1:" + EmulatedFabric.refusedPort();
            FabricClient nowhere = FabricClient.builder().baseUri(URI.create(url)).httpClient(counting).build();

            FabricUnreachableException failure = assertThrows(FabricUnreachableException.class,
                    nowhere::listPatternNames);

            assertEquals(4, sent(counting));
            assertTrue(failure.getMessage().contains(url + "/patterns/names"), failure.getMessage());
        }
    }

    @Nested
    class APost {

        @Test
        void toChatAnswered503IsSentOnce() {
            fabric.answer("POST", "/chat", Answer.status(503).body("overloaded"));
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

            client.chat(ChatRequest.ofPattern("summarize", "text")).subscribe(subscriber);

            FabricHttpException failure = subscriber.awaitError(FabricHttpException.class);
            assertEquals(503, failure.statusCode());
            assertEquals(1, requests(fabric, "POST", "/chat").size());
        }

        @Test
        void toChatAtARefusedPortIsSentOnce() {
            HttpClient counting = countingClient();
            FabricClient nowhere = FabricClient.builder()
                    .baseUri(URI.create("http://127.0.0.1:" + EmulatedFabric.refusedPort()))
                    .httpClient(counting).retryPolicy(EmulatedFabric.FAST_RETRIES).build();
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

            nowhere.chat(ChatRequest.ofPattern("summarize", "text")).subscribe(subscriber);

            subscriber.awaitError(FabricUnreachableException.class);
            assertEquals(1, sent(counting));
        }

        @Test
        void toApplyAnswered503IsSentOnce() {
            fabric.answer("POST", "/patterns/p/apply", Answer.status(503));

            assertThrows(FabricHttpException.class, () -> client.applyPattern("p", "in", Map.of()));

            assertEquals(1, requests(fabric, "POST", "/patterns/p/apply").size());
        }
    }

    @Nested
    class ThePolicy {

        @Test
        void waitsLongerBeforeEachRetryWithinItsJitter() {
            RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(200));

            for (int i = 0; i < 100; i++) {
                long first = policy.delayBefore(1).toMillis();
                long third = policy.delayBefore(3).toMillis();
                assertTrue(first >= 100 && first <= 300, "first delay " + first);
                assertTrue(third >= 400 && third <= 1200, "third delay " + third);
            }
        }
    }
}
