package dev.fabricmcp.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.fabricmcp.client.FabricStubs.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
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
    static final WireMockFabric stub = new WireMockFabric();
    private static final WireMockServer fabric = stub.server();
    private final FabricClient client = stub.newClient();

    /** Answers each listed status in turn, then 200 with the pattern names. */
    private void answerInTurn(int... statuses) {
        String state = STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = "after " + (i + 1);
            fabric.stubFor(get("/patterns/names").inScenario("flaky").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(statuses[i]).withBody("busy")).willSetStateTo(next));
            state = next;
        }
        fabric.stubFor(get("/patterns/names").inScenario("flaky").whenScenarioStateIs(state)
                .willReturn(json("[\"summarize\"]")));
    }

    @Nested
    class AGet {

        @Test
        void succeedsAfterTwo503s() {
            answerInTurn(503, 503);

            assertEquals(List.of("summarize"), client.listPatternNames());

            fabric.verify(3, getRequestedFor(urlEqualTo("/patterns/names")));
        }

        @ParameterizedTest
        @ValueSource(ints = {502, 503, 504})
        void isTriedAgainAfterAGatewayStatus(int status) {
            answerInTurn(status);

            assertEquals(List.of("summarize"), client.listPatternNames());

            fabric.verify(2, getRequestedFor(urlEqualTo("/patterns/names")));
        }

        @Test
        void givesUpAfterFourFailuresWithTheLastError() {
            answerInTurn(503, 503, 503, 503);

            FabricHttpException failure = assertThrows(FabricHttpException.class, client::listPatternNames);

            assertEquals(503, failure.statusCode());
            assertEquals("busy", failure.body());
            fabric.verify(4, getRequestedFor(urlEqualTo("/patterns/names")));
        }

        @Test
        void isNotTriedAgainAfterA500() {
            fabric.stubFor(get("/patterns/names").willReturn(json(500, "\"boom\"")));

            assertThrows(FabricHttpException.class, client::listPatternNames);

            fabric.verify(1, getRequestedFor(urlEqualTo("/patterns/names")));
        }

        @Test
        void isNotTriedAgainAfterA401() {
            fabric.stubFor(get("/patterns/names").willReturn(json(401, "{\"error\":\"Missing API Key\"}")));

            assertThrows(FabricAuthenticationException.class, client::listPatternNames);

            fabric.verify(1, getRequestedFor(urlEqualTo("/patterns/names")));
        }

        @Test
        void toARefusedPortIsTriedFourTimesWithTheDefaultPolicyThenFailsAsUnreachable() {
            CountingHttpClient counting = new CountingHttpClient();
            String url = "http://127.0.0.1:" + FabricStubs.refusedPort();
            FabricClient nowhere = FabricClient.builder().baseUri(URI.create(url)).httpClient(counting).build();

            FabricUnreachableException failure = assertThrows(FabricUnreachableException.class,
                    nowhere::listPatternNames);

            assertEquals(4, counting.sent());
            assertTrue(failure.getMessage().contains(url + "/patterns/names"), failure.getMessage());
        }
    }

    @Nested
    class APost {

        @Test
        void toChatAnswered503IsSentOnce() {
            fabric.stubFor(post("/chat").willReturn(aResponse().withStatus(503).withBody("overloaded")));
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

            client.chat(ChatRequest.ofPattern("summarize", "text")).subscribe(subscriber);

            FabricHttpException failure = subscriber.awaitError(FabricHttpException.class);
            assertEquals(503, failure.statusCode());
            fabric.verify(1, postRequestedFor(urlEqualTo("/chat")));
        }

        @Test
        void toChatAtARefusedPortIsSentOnce() {
            CountingHttpClient counting = new CountingHttpClient();
            FabricClient nowhere = FabricClient.builder()
                    .baseUri(URI.create("http://127.0.0.1:" + FabricStubs.refusedPort()))
                    .httpClient(counting).retryPolicy(FabricStubs.FAST_RETRIES).build();
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

            nowhere.chat(ChatRequest.ofPattern("summarize", "text")).subscribe(subscriber);

            subscriber.awaitError(FabricUnreachableException.class);
            assertEquals(1, counting.sent());
        }

        @Test
        void toApplyAnswered503IsSentOnce() {
            fabric.stubFor(post("/patterns/p/apply").willReturn(aResponse().withStatus(503)));

            assertThrows(FabricHttpException.class, () -> client.applyPattern("p", "in", Map.of()));

            fabric.verify(1, postRequestedFor(urlEqualTo("/patterns/p/apply")));
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
