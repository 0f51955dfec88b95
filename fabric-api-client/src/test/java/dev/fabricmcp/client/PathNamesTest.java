package dev.fabricmcp.client;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.fabricmcp.client.FabricStubs.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Names that go into a URL path: the dangerous ones never leave the client, the others are encoded. */
class PathNamesTest {

    @RegisterExtension
    static final WireMockFabric stub = new WireMockFabric();
    private static final WireMockServer fabric = stub.server();
    private final FabricClient client = stub.newClient();

    @Nested
    class ARefusedName {

        @AfterEach
        void noRequestWasMade() {
            fabric.verify(0, anyRequestedFor(anyUrl()));
        }

        static Stream<Arguments> refusedNames() {
            return Stream.of(
                    Arguments.of("a/b", "'/'"),
                    Arguments.of("..", "'..'"),
                    Arguments.of("../../etc/passwd", "'/'"),
                    Arguments.of("a..b", "'..'"),
                    Arguments.of("a\\b", "'\\'"),
                    Arguments.of("x\ny", "control characters"),
                    Arguments.of("tab\there", "control characters"),
                    Arguments.of("", "empty"),
                    Arguments.of("   ", "empty"),
                    Arguments.of(null, "empty"));
        }

        /** Every call that puts a name into the path. */
        private static final Map<String, BiConsumer<FabricClient, String>> CALLS_WITH_A_NAME = Map.of(
                "getPattern", FabricClient::getPattern,
                "applyPattern", (client, name) -> client.applyPattern(name, "in", Map.of()),
                "getContext", FabricClient::getContext,
                "getSession", FabricClient::getSession);

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @MethodSource("refusedNames")
        void isRefusedBeforeAnyRequestByEveryCallThatTakesAName(String name, String why) {
            CALLS_WITH_A_NAME.forEach((call, invoke) -> {
                IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                        () -> invoke.accept(client, name), () -> call + " accepted " + name);
                assertTrue(failure.getMessage().contains(why), () -> call + ": " + failure.getMessage());
            });
        }

        @Test
        void namesTheControlCharacterReadably() {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> client.getPattern("x\ny"));

            assertTrue(failure.getMessage().contains("x\\u000ay"), failure.getMessage());
        }
    }

    @Nested
    class AnAcceptedName {

        @Test
        void withASpaceIsPercentEncoded() {
            fabric.stubFor(get("/patterns/my%20pattern").willReturn(json(
                    "{\"Name\":\"my pattern\",\"Description\":\"\",\"Pattern\":\"p\"}")));

            assertEquals("my pattern", client.getPattern("my pattern").name());

            fabric.verify(1, getRequestedFor(urlEqualTo("/patterns/my%20pattern")));
        }

        @Test
        void withAPercentSignIsPercentEncoded() {
            fabric.stubFor(get("/contexts/100%25").willReturn(json("{\"Name\":\"100%\",\"Content\":\"c\"}")));

            assertEquals("100%", client.getContext("100%").name());

            fabric.verify(1, getRequestedFor(urlEqualTo("/contexts/100%25")));
        }

        @Test
        void withReservedCharactersStaysOneSegment() {
            fabric.stubFor(get("/sessions/a%3Fb%23c%2Bd").willReturn(json("{\"Name\":\"a?b#c+d\",\"Messages\":null}")));

            assertEquals("a?b#c+d", client.getSession("a?b#c+d").name());

            fabric.verify(1, getRequestedFor(urlEqualTo("/sessions/a%3Fb%23c%2Bd")));
        }

        @Test
        void withNonAsciiLettersIsSentAsUtf8() {
            fabric.stubFor(post("/patterns/r%C3%A9sum%C3%A9/apply").willReturn(json(
                    "{\"Name\":\"résumé\",\"Description\":\"\",\"Pattern\":\"p\"}")));

            client.applyPattern("résumé", "in", Map.of());

            fabric.verify(1, postRequestedFor(urlEqualTo("/patterns/r%C3%A9sum%C3%A9/apply")));
        }

        @Test
        void withASingleDotInsideIsSentAsItIs() {
            fabric.stubFor(get("/patterns/v1.2").willReturn(json(
                    "{\"Name\":\"v1.2\",\"Description\":\"\",\"Pattern\":\"p\"}")));

            assertEquals("v1.2", client.getPattern("v1.2").name());
        }
    }
}
