package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.FabricMcpProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --start-fabric} with a stand-in {@code fabric} executable that serves the emulator: started where nothing
 * answers, given the API key, reported by {@code doctor}, and stopped when fabric-mcp exits, even when killed.
 */
class StartFabricIT {

    private static final String KEY = "start-fabric-it-key";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path bin;

    private static Path standIn;

    @BeforeAll
    static void installTheStandIn() throws IOException {
        standIn = bin.resolve("fabric");
        try (InputStream script = StartFabricIT.class.getResourceAsStream("/stand-in/fabric")) {
            Files.copy(script, standIn, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Map<String, String> environment(String path) {
        return Map.of("FABRIC_STAND_IN_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "FABRIC_STAND_IN_JAR", System.getProperty("fabricmcp.emulatorJar"),
                "FABRIC_API_KEY", KEY, "PATH", path);
    }

    @Test
    void doctorStartsFabricWhereNothingAnswersWithTheKeyAndStopsItOnExit() throws Exception {
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        try (FabricMcpProcess doctor = FabricMcpProcess.start(List.of("doctor", "--start-fabric", "--fabric-url",
                url), environment(bin + ":" + System.getenv("PATH")))) {
            doctor.stdin().close();
            List<String> lines = readAll(doctor.stdout());

            assertEquals(0, doctor.awaitExit(WAIT), String.join("\n", lines) + "\n" + doctor.stderr());
            assertTrue(lines.get(0).startsWith("✓ started `" + standIn + " --serve --address 127.0.0.1:" + port
                    + "` (pid "), lines.get(0));
            assertTrue(lines.contains("✓ API key: accepted (from $FABRIC_API_KEY)"), lines.toString());
            assertFalse(String.join("\n", lines).contains(KEY));
        }
        assertFalse(answers(port), "the Fabric fabric-mcp started is stopped once fabric-mcp has exited");
    }

    @Test
    void doctorReportsAFabricThatAlreadyAnswers() throws Exception {
        try (FabricEmulator fabric = FabricEmulator.builder().port(0).apiKey(KEY).build().start();
             FabricMcpProcess doctor = FabricMcpProcess.start(List.of("doctor", "--start-fabric",
                     "--fabric-command", standIn.toString(), "--fabric-url", fabric.uri().toString()),
                     environment(System.getenv("PATH")))) {
            doctor.stdin().close();
            List<String> lines = readAll(doctor.stdout());

            assertEquals(0, doctor.awaitExit(WAIT));
            assertEquals("✓ found Fabric already answering at " + fabric.uri(), lines.get(0));
        }
    }

    @Test
    void withoutAFabricToStartDoctorSaysSo() throws Exception {
        int port = freePort();
        try (FabricMcpProcess doctor = FabricMcpProcess.start(List.of("doctor", "--start-fabric", "--fabric-url",
                "http://127.0.0.1:" + port), environment("/nonexistent"))) {
            doctor.stdin().close();
            List<String> lines = readAll(doctor.stdout());

            assertEquals(1, doctor.awaitExit(WAIT));
            assertTrue(lines.get(0).startsWith("✗ --start-fabric: nothing answers at http://127.0.0.1:" + port
                    + " and there is no `fabric` on the PATH"), lines.get(0));
        }
    }

    @Test
    void theStdioServerStopsItsFabricEvenWhenKilled() throws Exception {
        int port = freePort();
        try (FabricMcpProcess server = FabricMcpProcess.start(List.of("--start-fabric", "--fabric-command",
                standIn.toString(), "--fabric-url", "http://127.0.0.1:" + port), environment("/usr/bin:/bin"))) {
            server.awaitStderr("--start-fabric: started", WAIT);
            BufferedReader out = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8));
            OutputStream in = server.stdin();
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
            out.readLine();
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"fabric_list_patterns\",\"arguments\":{}}}");
            String listed = out.readLine();
            assertTrue(listed.contains("\"isError\":false"), listed);

            server.process().destroyForcibly();
            server.awaitExit(WAIT);

            awaitClosed(port);
        }
    }

    @Test
    void theStartedFabricsOutputJoinsTheJsonLog() throws Exception {
        int port = freePort();
        try (FabricMcpProcess server = FabricMcpProcess.start(List.of("--start-fabric", "--fabric-command",
                standIn.toString(), "--fabric-url", "http://127.0.0.1:" + port, "--log-format", "json"),
                environment("/usr/bin:/bin"))) {
            String started = server.awaitStderr("--start-fabric: started", WAIT);
            String fabricLine = server.awaitStderr("fabric-emulator listening on", WAIT);

            for (String line : List.of(started, fabricLine)) {
                assertTrue(line.startsWith("{") && line.endsWith("}"), line);
            }
            assertTrue(fabricLine.contains("\"logger\":\"fabric\""), fabricLine);
            server.stdin().close();
            assertEquals(0, server.awaitExit(WAIT));
        }
        assertFalse(answers(port));
    }

    // ---- plumbing ----

    private static List<String> readAll(InputStream stdout) throws IOException {
        return new String(stdout.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits, within a limit, for the port to stop answering: the watchdog needs a moment after the kill. */
    private static void awaitClosed(int port) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (answers(port)) {
            assertTrue(System.nanoTime() < deadline, "the started Fabric still answers " + WAIT + " after the kill");
            Thread.onSpinWait();
        }
    }
}
