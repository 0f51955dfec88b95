package dev.fabricmcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.ModelCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code fabric-mcp doctor} against the emulator, a closed port, a wrong key and a server that is not Fabric. */
class DoctorCommandTest {

    private static final String KEY = "the-key-Fabric-was-started-with";

    private final Map<String, String> environment = new HashMap<>();

    private CommandRun doctor(String... args) {
        CommandRun run = CommandRun.execute(environment, args);
        assertFalse(run.out().contains(KEY) || run.err().contains(KEY), "the key is never printed");
        return run;
    }

    private static String line(CommandRun run, String start) {
        return run.lines().stream().filter(line -> line.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + start + "' in " + run.lines()));
    }

    @Test
    void everyCheckPassesAgainstFabricWithTheRightKey() {
        try (FabricEmulator fabric = FabricEmulator.builder().port(0).apiKey(KEY)
                .patterns(Map.of("summarize", "Summarize this.", "translate", "Translate this.")).build().start()) {
            fabric.putContext("notes", "some context");
            environment.put("FABRIC_API_KEY", KEY);

            CommandRun run = doctor("doctor", "--fabric-url", fabric.uri().toString());

            assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
            assertEquals(List.of(
                    "✓ Fabric at " + fabric.uri() + " (from --fabric-url) answers as Fabric does",
                    "✓ API key: accepted (from $FABRIC_API_KEY)",
                    "✓ patterns: 2",
                    "✓ models: 3 from 2 vendors [LiteLLM, Ollama]",
                    "✓ strategies: 9",
                    "✓ contexts: 1",
                    "✓ sessions: 0",
                    "✓ default model: fake-model (vendor LiteLLM)"), run.lines());
            assertTrue(fabric.chats().stream().allMatch(chat -> chat.parsedRequest().orElseThrow().prompts().get(0)
                    .vendor().equals(Doctor.PROBE_VENDOR)), "no model was run without --run");
        }
    }

    @Test
    void runStreamsATinyRunAndReportsItsPace() {
        try (FabricEmulator fabric = FabricEmulator.builder().port(0).build().start()) {
            CommandRun run = doctor("--fabric-url", fabric.uri().toString(), "doctor", "--run");

            assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
            assertTrue(line(run, "✓ run: first chunk after ").matches(
                    "✓ run: first chunk after \\d+ ms, \\d+ chunks in \\d+\\.\\d\\d s \\(\\d+ chunks/s\\)"), run.lines()
                    .toString());
            assertEquals("✓ API key: none needed (Fabric runs without --api-key)", line(run, "✓ API key"));
        }
    }

    @Test
    void aClosedPortFailsTheFirstCheckAndSaysHowToStartFabric() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        CommandRun run = doctor("doctor", "--fabric-url", url);

        assertEquals(1, run.exitCode());
        assertEquals(2, run.lines().size(), "the checks after an unreachable Fabric are not run: " + run.lines());
        assertTrue(run.lines().get(0).startsWith("✗ Fabric at " + url + " (from --fabric-url): nothing answers"));
        assertTrue(run.lines().get(1).contains("fabric --serve --address 127.0.0.1:"), run.lines().get(1));
    }

    @Test
    void aWrongKeyIsNamedWithWhereItCameFromButNotWhatItIs() {
        try (FabricEmulator fabric = FabricEmulator.builder().port(0).apiKey(KEY).build().start()) {
            environment.put("FABRIC_API_KEY", "not-" + KEY);

            CommandRun run = doctor("doctor", "--fabric-url", fabric.uri().toString());

            assertEquals(1, run.exitCode());
            assertEquals("✗ API key: Fabric rejects the key from $FABRIC_API_KEY", run.lines().get(1));
            assertTrue(run.lines().get(2).contains("the exact key Fabric was started with"));
            assertFalse(String.join("\n", run.lines()).contains("not-" + KEY));
        }
    }

    @Test
    void aMissingKeySaysWhichVariableToSet() {
        try (FabricEmulator fabric = FabricEmulator.builder().port(0).apiKey(KEY).build().start()) {
            CommandRun run = doctor("doctor", "--fabric-url", fabric.uri().toString());

            assertEquals(1, run.exitCode());
            assertEquals("✓ Fabric at " + fabric.uri() + " (from --fabric-url) answers as Fabric does (it asks for"
                    + " an API key)", run.lines().get(0));
            assertEquals("✗ API key: missing. Fabric was started with --api-key", run.lines().get(1));
            assertTrue(run.lines().get(2).contains("set FABRIC_API_KEY"));
        }
    }

    @Test
    void aKeyFabricDoesNotNeedIsReportedAsIgnored() {
        try (FabricEmulator fabric = FabricEmulator.builder().port(0).build().start()) {
            environment.put("FABRIC_API_KEY", KEY);

            CommandRun run = doctor("doctor", "--fabric-url", fabric.uri().toString());

            assertEquals(0, run.exitCode());
            assertEquals("✓ API key: not needed (Fabric runs without --api-key), the key from $FABRIC_API_KEY is"
                    + " ignored", run.lines().get(1));
        }
    }

    @Test
    void aFabricWithoutModelsOrADefaultModelFailsThoseChecks() {
        try (FabricEmulator fabric = FabricEmulator.builder().port(0).models(ModelCatalog.empty()).build().start()) {
            CommandRun run = doctor("doctor", "--fabric-url", fabric.uri().toString());

            assertEquals(1, run.exitCode());
            assertTrue(line(run, "✗ models: ").length() > 0);
            assertTrue(line(run, "✗ default model: ").length() > 0);
            assertTrue(run.lines().get(run.lines().indexOf(line(run, "✗ default model: ")) + 1)
                    .contains("fabric --setup"));
        }
    }

    @Test
    void aServerThatIsNotFabricIsToldApart() throws IOException {
        HttpServer notFabric = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notFabric.createContext("/", exchange -> {
            byte[] page = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        notFabric.start();
        try {
            String url = "http://127.0.0.1:" + notFabric.getAddress().getPort();
            CommandRun run = doctor("doctor", "--fabric-url", url);

            assertEquals(1, run.exitCode());
            assertTrue(run.lines().get(0).startsWith("✗ Fabric at " + url + " (from --fabric-url) answers, but not"
                    + " as Fabric does"), run.lines().get(0));
        } finally {
            notFabric.stop(0);
        }
    }

    @Test
    void aBadOptionIsAUsageError() {
        CommandRun run = doctor("doctor", "--fabric-url", "ftp://nowhere");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("invalid --fabric-url"), run.err());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
