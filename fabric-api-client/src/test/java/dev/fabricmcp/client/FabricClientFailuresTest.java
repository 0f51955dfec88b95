package dev.fabricmcp.client;

import static dev.fabricmcp.client.EmulatedFabric.PATTERN_NOT_FOUND;
import static dev.fabricmcp.client.EmulatedFabric.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.Answer;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RawFabric;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/** How each way a call can fail reaches the caller: a precise exception whose message names the URL. */
class FabricClientFailuresTest {

    @RegisterExtension
    static final EmulatedFabric stub = new EmulatedFabric();
    private static final FabricEmulator fabric = stub.emulator();
    private final FabricClient client = stub.newClient();

    private String url(String path) {
        return fabric.uri() + path;
    }

    private static <T extends FabricException> T assertFails(Class<T> type, String url, Executable call) {
        T failure = assertThrows(type, call);
        assertEquals(URI.create(url), failure.uri());
        assertTrue(failure.getMessage().contains(url), () -> "the message names the URL: " + failure.getMessage());
        return failure;
    }

    @Nested
    class WhenFabricWantsAnApiKey {

        @Test
        void reportsAMissingKey() {
            fabric.answer("GET", "/patterns/names", json(401, "{\"error\":\"Missing API Key\"}"));

            FabricAuthenticationException failure = assertFails(FabricAuthenticationException.class,
                    url("/patterns/names"), client::listPatternNames);

            assertEquals(FabricAuthenticationException.Reason.MISSING_KEY, failure.reason());
            assertEquals("Missing API Key", failure.fabricMessage());
            assertTrue(failure.getMessage().contains("Missing API Key"));
        }

        @Test
        void reportsAWrongKey() {
            fabric.answer("GET", "/config", json(401, "{\"error\":\"Wrong API Key\"}"));

            FabricAuthenticationException failure = assertFails(FabricAuthenticationException.class, url("/config"),
                    () -> EmulatedFabric.clientOf(fabric).apiKey("wrong").build().getConfiguration());

            assertEquals(FabricAuthenticationException.Reason.WRONG_KEY, failure.reason());
            assertEquals("Wrong API Key", failure.fabricMessage());
        }

        @Test
        void reportsAnyOther401AsOther() {
            fabric.answer("GET", "/patterns/names", Answer.status(401).body("proxy says no"));

            FabricAuthenticationException failure = assertFails(FabricAuthenticationException.class,
                    url("/patterns/names"), client::listPatternNames);

            assertEquals(FabricAuthenticationException.Reason.OTHER, failure.reason());
            assertEquals("proxy says no", failure.fabricMessage());
        }
    }

    @Nested
    class WhenFabricHasNoSuchThing {

        @Test
        void reportsAMissingPatternAsNotFoundWithFabricsText() {
            fabric.answer("GET", "/patterns/x", json(500, "\"" + PATTERN_NOT_FOUND + "\""));

            FabricNotFoundException failure = assertFails(FabricNotFoundException.class, url("/patterns/x"),
                    () -> client.getPattern("x"));

            assertEquals(PATTERN_NOT_FOUND, failure.fabricMessage());
            assertTrue(failure.getMessage().contains(PATTERN_NOT_FOUND));
        }

        @Test
        void reportsApplyingAMissingPatternAsNotFound() {
            fabric.answer("POST", "/patterns/x/apply", json(500, "\"" + PATTERN_NOT_FOUND + "\""));

            assertFails(FabricNotFoundException.class, url("/patterns/x/apply"),
                    () -> client.applyPattern("x", "in", Map.of()));
        }

        @Test
        void reportsAMissingContextAsNotFoundWithFabricsText() {
            // Fabric's real text for a missing context: the Go error of opening the file.
            String text = "could not load c1: open /home/u/.config/fabric/contexts/c1: no such file or directory";
            fabric.answer("GET", "/contexts/c1", json(500, "\"" + text + "\""));

            FabricNotFoundException failure = assertFails(FabricNotFoundException.class, url("/contexts/c1"),
                    () -> client.getContext("c1"));

            assertEquals(text, failure.fabricMessage());
        }

        @Test
        void reportsAnUnknownRouteAsHttp404WithFabricsText() {
            fabric.answer("GET", "/strategies", Answer.status(404)
                    .header("Content-Type", "text/plain").body("404 page not found"));

            FabricHttpException failure = assertFails(FabricHttpException.class, url("/strategies"),
                    client::listStrategies);

            assertEquals(404, failure.statusCode());
            assertEquals("404 page not found", failure.body());
        }
    }

    @Nested
    class WhenFabricAnswersAnotherError {

        @Test
        void reportsA500StringThatIsNotANotFoundAsHttp500() {
            fabric.answer("POST", "/patterns/translate/apply", json(500, "\"missing required variable: lang_code\""));

            FabricHttpException failure = assertFails(FabricHttpException.class, url("/patterns/translate/apply"),
                    () -> client.applyPattern("translate", "hi", Map.of()));

            assertEquals(500, failure.statusCode());
            assertEquals("missing required variable: lang_code", failure.body());
            assertTrue(failure.getMessage().contains("missing required variable: lang_code"));
        }

        @Test
        void reportsAnErrorObjectWithItsErrorText() {
            fabric.answer("GET", "/models/names", json(500, "{\"error\":\"Server failed to retrieve model names\"}"));

            FabricHttpException failure = assertFails(FabricHttpException.class, url("/models/names"),
                    client::listModels);

            assertEquals(500, failure.statusCode());
            assertEquals("Server failed to retrieve model names", failure.body());
        }

        @Test
        void reportsA400WithFabricsText() {
            fabric.answer("POST", "/youtube/transcript", json(400, "{\"error\":\"invalid YouTube URL, "
                    + "can't get video or playlist ID: 'nope'\"}"));

            FabricHttpException failure = assertFails(FabricHttpException.class, url("/youtube/transcript"),
                    () -> client.getYouTubeTranscript("nope", "en", false));

            assertEquals(400, failure.statusCode());
            assertEquals("invalid YouTube URL, can't get video or playlist ID: 'nope'", failure.body());
        }

        @Test
        void reportsARedirectAsAnHttpStatusWithoutFollowingIt() {
            fabric.answer("GET", "/patterns/names", Answer.status(301)
                    .header("Location", "/elsewhere"));

            FabricHttpException failure = assertFails(FabricHttpException.class, url("/patterns/names"),
                    client::listPatternNames);

            assertEquals(301, failure.statusCode());
        }
    }

    @Nested
    class WhenTheAnswerIsNotWhatFabricSends {

        @Test
        void reportsMalformedJson() {
            fabric.answer("GET", "/patterns/names", json("[\"a\","));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/patterns/names"),
                    client::listPatternNames);

            assertTrue(failure.getMessage().contains("not JSON"), failure.getMessage());
            assertTrue(failure.getMessage().contains("[\"a\","), "quotes the body: " + failure.getMessage());
        }

        @Test
        void reportsAnHtmlPageInsteadOfJson() {
            fabric.answer("GET", "/patterns/names", Answer.status(200)
                    .header("Content-Type", "text/html").body("<html><body>It works!</body></html>"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/patterns/names"),
                    client::listPatternNames);

            assertTrue(failure.getMessage().contains("<html>"), failure.getMessage());
        }

        @Test
        void neverQuotesATruncatedConfigurationWhichMayHoldKeys() {
            fabric.answer("GET", "/config", Answer.json("{\"openai\": \"sk-SECRET-123\", \"anthropic\": \"sk-ant-SEC"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/config"),
                    client::getConfiguration);

            assertFalse(failure.getMessage().contains("SECRET"), failure.getMessage());
            assertTrue(failure.getMessage().contains("not JSON"), failure.getMessage());
        }

        @Test
        void neverQuotesAConfigurationOfTheWrongShape() {
            fabric.answer("GET", "/config", Answer.json("\"sk-SECRET-123\""));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/config"),
                    client::getConfiguration);

            assertFalse(failure.getMessage().contains("SECRET"), failure.getMessage());
            assertTrue(failure.getMessage().contains("expected the configuration to be a JSON object, got a string"),
                    failure.getMessage());
        }

        @Test
        void neverQuotesAConfigurationErrorBody() {
            fabric.answer("GET", "/config", Answer.json(500, "{\"error\": \"cannot marshal openai=sk-SECRET-123\"}"));

            FabricHttpException failure = assertFails(FabricHttpException.class, url("/config"),
                    client::getConfiguration);

            assertFalse(failure.getMessage().contains("SECRET"), failure.getMessage());
            assertEquals(500, failure.statusCode());
        }

        @Test
        void reportsAnEmptyBody() {
            fabric.answer("GET", "/patterns/names", Answer.status(200));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/patterns/names"),
                    client::listPatternNames);

            assertTrue(failure.getMessage().contains("empty"), failure.getMessage());
        }

        @Test
        void reportsAnObjectWhereAListBelongs() {
            fabric.answer("GET", "/patterns/names", json("{\"names\":[]}"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/patterns/names"),
                    client::listPatternNames);

            assertTrue(failure.getMessage().contains("expected the pattern names to be a JSON array, got an object"),
                    failure.getMessage());
        }

        @Test
        void reportsAListItemThatIsNotAString() {
            fabric.answer("GET", "/contexts/names", json("[\"a\",42]"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/contexts/names"),
                    client::listContextNames);

            assertTrue(failure.getMessage().contains("the context names[1]"), failure.getMessage());
            assertTrue(failure.getMessage().contains("a number (42)"), failure.getMessage());
        }

        @Test
        void reportsAPatternWithLowercaseKeysAsMissingName() {
            // The swagger file shows lowercase keys; real Fabric sends Name, Description, Pattern.
            fabric.answer("GET", "/patterns/p", json(
                    "{\"name\":\"p\",\"description\":\"\",\"pattern\":\"x\"}"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/patterns/p"),
                    () -> client.getPattern("p"));

            assertTrue(failure.getMessage().contains("the pattern has no \"Name\""), failure.getMessage());
        }

        @Test
        void reportsModelsThatAreNotAList() {
            fabric.answer("GET", "/models/names", json("{\"models\":\"gpt\",\"vendors\":{}}"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/models/names"),
                    client::listModels);

            assertTrue(failure.getMessage().contains("expected models to be a JSON array, got a string"),
                    failure.getMessage());
        }

        @Test
        void reportsAVendorWhoseModelsAreNotAList() {
            fabric.answer("GET", "/models/names", json("{\"models\":[],\"vendors\":{\"Groq\":{}}}"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/models/names"),
                    client::listModels);

            assertTrue(failure.getMessage().contains("vendors.Groq"), failure.getMessage());
        }

        @Test
        void reportsStrategiesThatAreNotAList() {
            fabric.answer("GET", "/strategies", json("{\"cot\":{}}"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/strategies"),
                    client::listStrategies);

            assertTrue(failure.getMessage().contains("expected the strategies to be a JSON array, got an object"),
                    failure.getMessage());
        }

        @Test
        void reportsAStrategyWithoutAName() {
            fabric.answer("GET", "/strategies", json("[{\"description\":\"d\"}]"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/strategies"),
                    client::listStrategies);

            assertTrue(failure.getMessage().contains("strategies[0] has no \"name\""), failure.getMessage());
        }

        @Test
        void reportsAConfigurationValueThatIsNotASingleValue() {
            fabric.answer("GET", "/config", json("{\"openai\":{\"key\":\"x\"}}"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/config"),
                    client::getConfiguration);

            assertTrue(failure.getMessage().contains("the configuration.openai"), failure.getMessage());
        }

        @Test
        void reportsSessionMessagesThatAreNotAList() {
            fabric.answer("GET", "/sessions/s", json("{\"Name\":\"s\",\"Messages\":\"hi\"}"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/sessions/s"),
                    () -> client.getSession("s"));

            assertTrue(failure.getMessage().contains("Messages to be an array"), failure.getMessage());
        }

        @Test
        void reportsAContextWithoutContent() {
            fabric.answer("GET", "/contexts/c", json("{\"Name\":\"c\"}"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/contexts/c"),
                    () -> client.getContext("c"));

            assertTrue(failure.getMessage().contains("the context has no \"Content\""), failure.getMessage());
        }

        @Test
        void reportsATranscriptWithoutTranscript() {
            fabric.answer("POST", "/youtube/transcript", json("{\"videoId\":\"x\"}"));

            FabricProtocolException failure = assertFails(FabricProtocolException.class, url("/youtube/transcript"),
                    () -> client.getYouTubeTranscript("https://youtu.be/x", "en", false));

            assertTrue(failure.getMessage().contains("has no \"transcript\""), failure.getMessage());
        }
    }

    @Nested
    class WhenTheConnectionFails {

        @Test
        void reportsARefusedConnectionAsUnreachableNamingTheUrl() {
            String url = "http://127.0.0.1:" + EmulatedFabric.refusedPort();
            FabricClient nowhere = FabricClient.builder().baseUri(URI.create(url))
                    .retryPolicy(EmulatedFabric.FAST_RETRIES).build();

            FabricUnreachableException failure = assertFails(FabricUnreachableException.class,
                    url + "/patterns/names", nowhere::listPatternNames);

            assertTrue(failure.getMessage().startsWith("Fabric is not reachable at " + url + "/patterns/names"),
                    failure.getMessage());
        }

        @Test
        void reportsARefusedPostAsUnreachable() {
            String url = "http://127.0.0.1:" + EmulatedFabric.refusedPort();
            FabricClient nowhere = FabricClient.builder().baseUri(URI.create(url)).build();

            assertFails(FabricUnreachableException.class, url + "/patterns/p/apply",
                    () -> nowhere.applyPattern("p", "in", Map.of()));
        }

        @Test
        void reportsAResetConnectionWithoutHanging() throws Exception {
            try (RawFabric broken = RawFabric.start(RawFabric.Connection::reset)) {
                FabricClient brokenClient = EmulatedFabric.clientOf(broken.baseUri()).build();

                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFails(FabricException.class,
                        broken.baseUri() + "/patterns/names", brokenClient::listPatternNames));
            }
        }

        @Test
        void reportsAGarbledResponseWithoutHanging() throws Exception {
            try (RawFabric broken = RawFabric.start(connection -> connection
                    .sendRaw("\u0007\u0000garbage, not HTTP\r\n\r\n\u00ff").close())) {
                FabricClient brokenClient = EmulatedFabric.clientOf(broken.baseUri()).build();

                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFails(FabricException.class,
                        broken.baseUri() + "/config", brokenClient::getConfiguration));
            }
        }

        @Test
        void reportsAnAnswerSlowerThanTheRequestTimeout() {
            fabric.answer("GET", "/strategies", json("null").after(new CompletableFuture<>()));
            FabricClient impatient = EmulatedFabric.clientOf(fabric).requestTimeout(Duration.ofMillis(300)).build();

            assertTimeoutPreemptively(Duration.ofSeconds(4),
                    () -> assertFails(FabricException.class, url("/strategies"), impatient::listStrategies));
        }
    }
}
