package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.FabricMcpProcess;
import dev.fabricmcp.it.support.NodeClients;
import dev.fabricmcp.it.support.NodeRun;
import dev.fabricmcp.it.support.ReleaseGate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two fabric-mcp replicas behind Debian's nginx with the repository's configuration ({@code deploy/nginx}), round
 * robin and no sticky sessions: a modern (2026-07-28) client streams a run through it, its requests spread over
 * both replicas. The test installs nginx itself ({@code apt-get install -y nginx-light}) when it is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxReplicasIT {

    private static final Path CONFIG = Path.of("../deploy/nginx/fabric-mcp.conf").toAbsolutePath().normalize();
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final String ARGUMENTS =
            "{\"pattern_name\":\"summarize\",\"input_text\":\"through nginx\",\"stream\":true}";

    private final ReleaseGate gate = new ReleaseGate();
    private Path prefix;
    private FabricEmulator fabric;
    private FabricMcpProcess first;
    private FabricMcpProcess second;
    private Process nginx;
    private URI endpoint;

    @BeforeAll
    void start(@TempDir Path prefix) throws Exception {
        this.prefix = prefix;
        installNginxIfMissing();
        fabric = FabricEmulator.builder()
                .script("summarize", gate.answer("one ", "two ", "three"))
                .build().start();
        Map<String, String> environment = Map.of("FABRIC_BASE_URL", fabric.uri().toString());
        first = FabricMcpProcess.startHttp(List.of(), environment);
        second = FabricMcpProcess.startHttp(List.of(), environment);
        int port = freePort();
        String config = Files.readString(CONFIG)
                .replace("listen 127.0.0.1:8000;", "listen 127.0.0.1:" + port + ";")
                .replace("server 127.0.0.1:8001;", "server 127.0.0.1:" + first.endpoint().getPort() + ";")
                .replace("server 127.0.0.1:8002;", "server 127.0.0.1:" + second.endpoint().getPort() + ";");
        Files.createDirectories(prefix.resolve("tmp"));
        Files.writeString(prefix.resolve("fabric-mcp.conf"), config);
        nginx = new ProcessBuilder(NGINX.toString(), "-p", prefix + "/", "-c", "fabric-mcp.conf",
                "-g", "daemon off;").redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.log").toFile()).start();
        awaitListening(port);
        endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (fabric != null) {
            fabric.close();
        }
        gate.close();
    }

    @Test
    void aModernClientStreamsThroughRoundRobinReplicas() {
        Path probe = NodeClients.script("probe-v2.mjs");
        NodeRun run = NodeRun.run(List.of(probe.toString(), "pin", endpoint.toString(), "fabric_run_pattern",
                ARGUMENTS), gate.environment(), Duration.ofSeconds(60));
        assertEquals(0, run.exitCode(), run.output());
        JsonObject summary = JsonParser.parseString(run.lastLine()).getAsJsonObject();
        assertEquals("2026-07-28", summary.get("version").getAsString(), run.output());
        JsonArray progress = summary.getAsJsonArray("progress");
        assertEquals("one ", progress.get(0).getAsJsonObject().get("message").getAsString(), run.output());
        // Fabric went on only after the client had seen "one ": nginx passed progress through unbuffered.
        assertTrue(gate.released(), run.output());
        assertFalse(summary.get("isError").getAsBoolean(), run.output());
        assertEquals("one two three\n", summary.get("text").getAsString());
    }

    @Test
    void everyReplicaAnswersModernRequests() {
        RawMcpHttp http = new RawMcpHttp(endpoint);
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        Map<String, String> headers = Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/list");
        // Round robin alternates: four requests in a row reach both replicas, and each one is answered.
        for (int i = 0; i < 4; i++) {
            var response = http.post(list, headers);
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("fabric_run_pattern"), response.body());
        }
        assertTrue(responsesServed(first) > 0, "the first replica served nothing");
        assertTrue(responsesServed(second) > 0, "the second replica served nothing");
    }

    /** The MCP responses a replica counted, from its own /metrics. */
    private static double responsesServed(FabricMcpProcess replica) {
        URI metrics = replica.endpoint().resolve("/metrics");
        var response = new RawMcpHttp(metrics).get();
        return response.body().lines()
                .filter(line -> line.startsWith("fabric_mcp_http_responses"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void installNginxIfMissing() throws IOException, InterruptedException {
        if (Files.isExecutable(NGINX)) {
            return;
        }
        for (List<String> command : List.of(List.of("apt-get", "update"),
                List.of("apt-get", "install", "-y", "nginx-light"))) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** nginx prints nothing once it listens: try to connect until it accepts, for up to ten seconds. */
    private void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!nginx.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("nginx did not start:\n"
                            + Files.readString(prefix.resolve("nginx.log")), e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }
}
