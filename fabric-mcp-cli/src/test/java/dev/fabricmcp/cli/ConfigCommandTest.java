package dev.fabricmcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fabric-mcp config <client>}: each client's output parsed as that client would read it. */
class ConfigCommandTest {

    private static final String LAUNCHER = "/opt/fabric-mcp/bin/fabric-mcp";
    private static final String KEY = "fabric-key-value-never-printed";
    private static final String TOKEN = "bearer-token-value-never-printed-0123456789";

    private final Map<String, String> environment = new HashMap<>(Map.of(
            ConfigCommand.LAUNCHER_VARIABLE, LAUNCHER, "FABRIC_API_KEY", KEY, "FABRIC_MCP_HTTP_TOKEN", TOKEN));

    /** The snippet: the output without its {@code #} lines, which say where it goes. */
    private String config(String... args) {
        CommandRun run = CommandRun.execute(environment, args);
        assertEquals(0, run.exitCode(), run.err());
        String printed = run.out();
        assertFalse(printed.contains(KEY) || printed.contains(TOKEN), "no secret value is printed:\n" + printed);
        assertTrue(printed.startsWith("# "), "it starts by saying where the configuration goes: " + printed);
        return String.join("\n", printed.lines().filter(line -> !line.startsWith("#")).toList());
    }

    private static JsonObject server(String json, String root) {
        return JsonParser.parseString(json).getAsJsonObject().getAsJsonObject(root).getAsJsonObject("fabric");
    }

    private static List<String> strings(JsonArray array) {
        return array.asList().stream().map(element -> element.getAsString()).toList();
    }

    @Nested
    class Stdio {

        @Test
        void claudeDesktopStartsTheLauncherWithTheKeyAsAReference() {
            JsonObject fabric = server(config("config", "claude-desktop", "--fabric-url", "http://fabric.lan:9090"),
                    "mcpServers");

            assertEquals(LAUNCHER, fabric.get("command").getAsString());
            assertEquals(List.of(), strings(fabric.getAsJsonArray("args")));
            assertEquals("http://fabric.lan:9090", fabric.getAsJsonObject("env").get("FABRIC_BASE_URL").getAsString());
            assertEquals("${FABRIC_API_KEY}", fabric.getAsJsonObject("env").get("FABRIC_API_KEY").getAsString());
        }

        @Test
        void vscodeAndCursorReferToTheKeyWithEnvSyntax() {
            JsonObject vscode = server(config("config", "vscode"), "servers");
            JsonObject cursor = server(config("config", "cursor"), "mcpServers");

            assertEquals("stdio", vscode.get("type").getAsString());
            for (JsonObject fabric : List.of(vscode, cursor)) {
                assertEquals(LAUNCHER, fabric.get("command").getAsString());
                assertEquals("${env:FABRIC_API_KEY}", fabric.getAsJsonObject("env").get("FABRIC_API_KEY")
                        .getAsString());
                assertEquals("http://127.0.0.1:8080", fabric.getAsJsonObject("env").get("FABRIC_BASE_URL")
                        .getAsString());
            }
        }

        @Test
        void claudeCodeAndTheInspectorAreShellCommandsThatExpandTheVariable() {
            String claude = config("config", "claude-code", "--fabric-timeout", "5m", "--log-level", "debug");
            String inspector = config("config", "inspector");

            assertEquals(List.of("claude", "mcp", "add", "fabric", "-e", "FABRIC_BASE_URL=http://127.0.0.1:8080",
                    "-e", "FABRIC_MCP_FABRIC_TIMEOUT=PT5M", "-e", "FABRIC_MCP_LOG_LEVEL=debug",
                    "-e", "FABRIC_API_KEY=\"$FABRIC_API_KEY\"", "--", LAUNCHER), words(claude));
            assertEquals(List.of("npx", "@modelcontextprotocol/inspector", "-e",
                    "FABRIC_BASE_URL=http://127.0.0.1:8080", "-e", "FABRIC_API_KEY=\"$FABRIC_API_KEY\"", "--",
                    LAUNCHER), words(inspector));
        }

        @Test
        void aKeyFileIsPassedAsAnOptionWithItsAbsolutePath(@TempDir Path dir) throws IOException {
            Path keyFile = Files.writeString(dir.resolve("key"), KEY);
            environment.remove("FABRIC_API_KEY");

            JsonObject fabric = server(config("config", "cursor", "--fabric-api-key-file", keyFile.toString()),
                    "mcpServers");

            assertEquals(List.of("--fabric-api-key-file", keyFile.toAbsolutePath().toString()),
                    strings(fabric.getAsJsonArray("args")));
            assertFalse(fabric.getAsJsonObject("env").has("FABRIC_API_KEY"));
        }

        @Test
        void withoutALauncherItRunsThisJarWithThisJava() {
            environment.remove(ConfigCommand.LAUNCHER_VARIABLE);

            JsonObject fabric = server(config("config", "claude-desktop"), "mcpServers");

            assertTrue(Path.of(fabric.get("command").getAsString()).isAbsolute());
            assertTrue(fabric.get("command").getAsString().endsWith("java"), fabric.toString());
            assertEquals("-jar", strings(fabric.getAsJsonArray("args")).get(0));
            assertTrue(Path.of(strings(fabric.getAsJsonArray("args")).get(1)).isAbsolute());
        }
    }

    @Nested
    class Http {

        @Test
        void vscodeAndCursorPointAtTheUrlWithTheTokenAsAReference() {
            JsonObject vscode = server(config("config", "vscode", "--transport", "http", "--port", "9000"),
                    "servers");
            JsonObject cursor = server(config("config", "cursor", "--transport", "http", "--port", "9000",
                    "--mcp-path", "/fabric"), "mcpServers");

            assertEquals("http", vscode.get("type").getAsString());
            assertEquals("http://127.0.0.1:9000/mcp", vscode.get("url").getAsString());
            assertEquals("http://127.0.0.1:9000/fabric", cursor.get("url").getAsString());
            for (JsonObject fabric : List.of(vscode, cursor)) {
                assertEquals("Bearer ${env:FABRIC_MCP_HTTP_TOKEN}", fabric.getAsJsonObject("headers")
                        .get("Authorization").getAsString());
            }
        }

        @Test
        void claudeDesktopBridgesThroughMcpRemote() {
            JsonObject fabric = server(config("config", "claude-desktop", "--transport", "http"), "mcpServers");

            assertEquals("npx", fabric.get("command").getAsString());
            assertEquals(List.of("-y", "mcp-remote", "http://127.0.0.1:8000/mcp", "--header",
                    "Authorization:Bearer ${FABRIC_MCP_HTTP_TOKEN}"), strings(fabric.getAsJsonArray("args")));
        }

        @Test
        void withoutATokenNoAuthorizationIsConfigured() {
            environment.remove("FABRIC_MCP_HTTP_TOKEN");

            JsonObject fabric = server(config("config", "vscode", "--transport", "http"), "servers");
            String claude = config("config", "claude-code", "--transport", "http");

            assertFalse(fabric.has("headers"));
            assertEquals(List.of("claude", "mcp", "add", "--transport", "http", "fabric",
                    "http://127.0.0.1:8000/mcp"), words(claude));
        }

        @ParameterizedTest
        @ValueSource(strings = {"claude-code", "inspector"})
        void theCommandsSendTheTokenFromItsVariable(String client) {
            String command = config("config", client, "--transport", "http");

            assertTrue(command.endsWith("--header \"Authorization: Bearer $FABRIC_MCP_HTTP_TOKEN\""), command);
            assertTrue(command.contains(" http://127.0.0.1:8000/mcp "), command);
        }
    }

    @Test
    void anUnknownClientIsAUsageError() {
        CommandRun run = CommandRun.execute(environment, "config", "emacs");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("use claude-desktop, claude-code, vscode, cursor or inspector"));
    }

    /** A one-line command split into words; a quoted word keeps its quotes so references stay visible. */
    private static List<String> words(String command) {
        return List.of(command.strip().split(" "));
    }
}
