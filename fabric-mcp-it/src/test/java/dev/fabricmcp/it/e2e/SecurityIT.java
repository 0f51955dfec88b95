package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.core.testing.JsonRpc;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedRequest;
import dev.fabricmcp.it.support.FabricMcpProcess;
import dev.fabricmcp.core.testing.McpSession;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Secrets and access: Fabric's API key is sent and never shown, a wrong or missing key is named as such, the HTTP
 * transport refuses foreign browser origins and, with a token set, requests without it; over stdio, stdout carries
 * nothing but JSON-RPC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

    private static final String KEY = "k-123";
    private static final String WRONG_KEY = "wrong-456";
    private static final String TOKEN = "t0ken";
    private static final String HOW_TO_SET_THE_KEY = "Set FABRIC_API_KEY (or --fabric-api-key-file) to the";

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder().apiKey(KEY).wordDelay(Duration.ofMillis(1))
            .build().start();

    private Transport.Connection connect(Transport transport, Map<String, String> env, String... args) {
        fabric.clearRecords();
        return transport.connect(fabric.uri().toString(), env, List.of(args));
    }

    /** Every text of every result, and every line of stderr: where a secret must never show. */
    private static void assertNowhere(String secret, Transport.Connection mcp, List<McpSchema.CallToolResult> results) {
        for (McpSchema.CallToolResult result : results) {
            assertFalse(Texts.of(result).contains(secret), () -> "a result shows the secret: " + Texts.of(result));
            assertFalse(String.valueOf(result.structuredContent()).contains(secret),
                    () -> "a result shows the secret: " + result.structuredContent());
        }
        List<String> leaks = mcp.server().stderr().stream().filter(line -> line.contains(secret)).toList();
        assertEquals(List.of(), leaks, "stderr lines showing the secret");
    }

    private static void assertError(String expected, McpSchema.CallToolResult result) {
        assertEquals(Boolean.TRUE, result.isError(), () -> Texts.of(result));
        assertEquals(expected, Texts.of(result));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendsTheApiKeyAndNeverShowsIt(Transport transport) {
        try (Transport.Connection mcp = connect(transport, Map.of("FABRIC_API_KEY", KEY), "--log-level", "debug")) {
            List<McpSchema.CallToolResult> results = new ArrayList<>();
            McpSchema.CallToolResult listed = mcp.session().call("fabric_list_patterns", Map.of());
            results.add(listed);
            assertFalse(Boolean.TRUE.equals(listed.isError()), () -> Texts.of(listed));
            assertTrue(Texts.of(listed).contains("summarize"), () -> Texts.of(listed));

            McpSchema.CallToolResult ran = mcp.session().callWithProgress("fabric_run_pattern", Map.of(
                    "pattern_name", "summarize", "input_text", "keep it secret", "stream", true), "secure")
                    .block(Duration.ofSeconds(60));
            results.add(ran);
            assertFalse(Boolean.TRUE.equals(ran.isError()), () -> Texts.of(ran));
            assertTrue(Texts.of(ran).contains("keep it secret"), () -> Texts.of(ran));
            results.add(mcp.session().call("fabric_get_configuration", Map.of()));

            List<RecordedRequest> requests = fabric.requests();
            assertEquals(List.of("/patterns/names", "/chat", "/config"), requests.stream().map(RecordedRequest::path)
                    .toList());
            for (RecordedRequest request : requests) {
                assertEquals(Optional.of(KEY), request.header("X-API-Key"), request::toString);
            }
            assertNowhere(KEY, mcp, results);
            if (transport == Transport.STDIO) {
                assertEquals(List.of(), mcp.session().stdioTransport().notJsonRpc(),
                        "stdout lines that are not JSON-RPC, after a streamed run");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWrongApiKeyIsNamedAsWrongAndNeverShown(Transport transport) {
        try (Transport.Connection mcp = connect(transport, Map.of("FABRIC_API_KEY", WRONG_KEY))) {
            McpSchema.CallToolResult listed = mcp.session().call("fabric_list_patterns", Map.of());
            assertError("Fabric at " + fabric.uri() + "/patterns/names rejected fabric-mcp's API key (Fabric said:"
                    + " Wrong API Key). " + HOW_TO_SET_THE_KEY + " key Fabric was started with.", listed);
            McpSchema.CallToolResult ran = mcp.session().call("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "hello", "stream", true));
            assertError("Fabric at " + fabric.uri() + "/chat rejected fabric-mcp's API key (Fabric said: Wrong API"
                    + " Key). " + HOW_TO_SET_THE_KEY + " key Fabric was started with.", ran);

            assertEquals(Optional.of(WRONG_KEY), fabric.requests().get(0).header("X-API-Key"));
            assertNowhere(WRONG_KEY, mcp, List.of(listed, ran));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMissingApiKeyIsNamedAsMissing(Transport transport) {
        try (Transport.Connection mcp = connect(transport, Map.of())) {
            McpSchema.CallToolResult listed = mcp.session().call("fabric_list_patterns", Map.of());
            assertError("Fabric at " + fabric.uri() + "/patterns/names requires an API key and fabric-mcp sent none"
                    + " (Fabric said: Missing API Key). " + HOW_TO_SET_THE_KEY + " key Fabric was started with"
                    + " (`fabric --serve --api-key ...`).", listed);
            assertEquals(Optional.empty(), fabric.requests().get(0).header("X-API-Key"));
        }
    }

    @Test
    void anUnknownOriginIsRefusedAndLocalOnesAreServed() {
        try (FabricMcpProcess server = FabricMcpProcess.startHttp(
                List.of("--allowed-origin", "https://app.example.com"),
                Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            RawMcpHttp http = new RawMcpHttp(server.endpoint());

            HttpResponse<String> evil = http.post(JsonRpc.INITIALIZE, Map.of("Origin", "http://evil.example"));
            assertEquals(403, evil.statusCode(), evil::body);
            assertTrue(evil.body().contains("\"code\":-32032") && evil.body().contains("--allowed-origin"),
                    evil::body);
            assertFalse(evil.headers().firstValue("Mcp-Session-Id").isPresent(), "no session for a refused origin");

            for (String origin : List.of("http://localhost:3000", "http://127.0.0.1:6274", "https://app.example.com")) {
                HttpResponse<String> served = http.post(JsonRpc.INITIALIZE, Map.of("Origin", origin));
                assertEquals(200, served.statusCode(), () -> origin + ": " + served.body());
                assertTrue(served.headers().firstValue("Mcp-Session-Id").isPresent(), origin);
                assertTrue(served.body().contains("\"serverInfo\""), served::body);
            }
            HttpResponse<String> noOrigin = http.post(JsonRpc.INITIALIZE, Map.of());
            assertEquals(200, noOrigin.statusCode(), "a desktop client sends no Origin");
        }
    }

    @Test
    void theBearerTokenIsRequiredWhenSet() {
        try (FabricMcpProcess server = FabricMcpProcess.startHttp(List.of("--log-level", "debug"), Map.of(
                "FABRIC_BASE_URL", fabric.uri().toString(), "FABRIC_API_KEY", KEY, "FABRIC_MCP_HTTP_TOKEN", TOKEN))) {
            RawMcpHttp http = new RawMcpHttp(server.endpoint());

            HttpResponse<String> without = http.post(JsonRpc.INITIALIZE, Map.of());
            assertEquals(401, without.statusCode(), without::body);
            assertEquals(Optional.of("Bearer realm=\"fabric-mcp\""), without.headers().firstValue("WWW-Authenticate"));
            assertFalse(without.body().contains(TOKEN), without::body);

            HttpResponse<String> wrong = http.post(JsonRpc.INITIALIZE, Map.of("Authorization", "Bearer t0ken-not"));
            assertEquals(401, wrong.statusCode(), wrong::body);
            assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));

            HttpResponse<String> right = http.post(JsonRpc.INITIALIZE, Map.of("Authorization", "Bearer " + TOKEN));
            assertEquals(200, right.statusCode(), right::body);

            try (McpSession session = McpSession.http(server.endpoint(), Map.of("Authorization", "Bearer " + TOKEN))) {
                McpSchema.CallToolResult listed = session.call("fabric_list_patterns", Map.of());
                assertFalse(Boolean.TRUE.equals(listed.isError()), () -> Texts.of(listed));
                assertTrue(Texts.of(listed).contains("summarize"), () -> Texts.of(listed));
            }
            List<String> leaks = server.stderr().stream()
                    .filter(line -> line.contains(TOKEN) || line.contains(KEY)).toList();
            assertEquals(List.of(), leaks, "stderr lines showing the token or the key");
        }
    }
}
