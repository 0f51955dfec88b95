package dev.fabricmcp.client;

import static dev.fabricmcp.client.EmulatedFabric.json;
import static dev.fabricmcp.client.EmulatedFabric.requests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.FabricEmulator;
import java.util.List;
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
    static final EmulatedFabric stub = new EmulatedFabric();
    private static final FabricEmulator fabric = stub.emulator();
    private final FabricClient client = stub.newClient();

    @Nested
    class ARefusedName {

        @AfterEach
        void noRequestWasMade() {
            assertEquals(List.of(), fabric.requests());
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
            fabric.answer("GET", "/patterns/my%20pattern", json(
                    "{\"Name\":\"my pattern\",\"Description\":\"\",\"Pattern\":\"p\"}"));

            assertEquals("my pattern", client.getPattern("my pattern").name());

            assertEquals(1, requests(fabric, "GET", "/patterns/my%20pattern").size());
        }

        @Test
        void withAPercentSignIsPercentEncoded() {
            fabric.answer("GET", "/contexts/100%25", json("{\"Name\":\"100%\",\"Content\":\"c\"}"));

            assertEquals("100%", client.getContext("100%").name());

            assertEquals(1, requests(fabric, "GET", "/contexts/100%25").size());
        }

        @Test
        void withReservedCharactersStaysOneSegment() {
            fabric.answer("GET", "/sessions/a%3Fb%23c%2Bd", json("{\"Name\":\"a?b#c+d\",\"Messages\":null}"));

            assertEquals("a?b#c+d", client.getSession("a?b#c+d").name());

            assertEquals(1, requests(fabric, "GET", "/sessions/a%3Fb%23c%2Bd").size());
        }

        @Test
        void withNonAsciiLettersIsSentAsUtf8() {
            fabric.answer("POST", "/patterns/r%C3%A9sum%C3%A9/apply", json(
                    "{\"Name\":\"résumé\",\"Description\":\"\",\"Pattern\":\"p\"}"));

            client.applyPattern("résumé", "in", Map.of());

            assertEquals(1, requests(fabric, "POST", "/patterns/r%C3%A9sum%C3%A9/apply").size());
        }

        @Test
        void withASingleDotInsideIsSentAsItIs() {
            fabric.answer("GET", "/patterns/v1.2", json(
                    "{\"Name\":\"v1.2\",\"Description\":\"\",\"Pattern\":\"p\"}"));

            assertEquals("v1.2", client.getPattern("v1.2").name());
        }
    }
}
