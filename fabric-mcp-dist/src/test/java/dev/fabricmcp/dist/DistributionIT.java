package dev.fabricmcp.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.FabricEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive, unpacked into an empty folder, runs with a {@code PATH} that holds neither
 * {@code java} nor {@code mvn}: over stdio and over HTTP, against the Fabric emulator.
 */
class DistributionIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"DistributionIT\","
            + "\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String RUN_PATTERN = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{"
            + "\"name\":\"fabric_run_pattern\",\"arguments\":{\"pattern_name\":\"summarize\","
            + "\"input_text\":\"the distribution works\"}}}";

    @TempDir
    static Path unpacked;

    @TempDir
    static Path tools;

    private static Path home;
    private static FabricEmulator fabric;

    @BeforeAll
    static void unpackAndStartFabric() throws Exception {
        Path archive = Path.of(System.getProperty("dist.archive"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, tar.waitFor(), new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        home = unpacked.resolve(System.getProperty("dist.name"));
        // The launcher needs bash and two coreutils; nothing else is on this PATH.
        for (String tool : List.of("bash", "env", "readlink", "dirname")) {
            Files.createSymbolicLink(tools.resolve(tool), which(tool));
        }
        fabric = FabricEmulator.builder().port(0).pattern("summarize", "Summarize {{input}}").build().start();
    }

    @AfterAll
    static void stopFabric() {
        if (fabric != null) {
            fabric.close();
        }
    }

    @Test
    void holdsTheLauncherTheJarTheClassCacheARuntimeTheLicencesAndAReadme() {
        for (String file : List.of("bin/fabric-mcp", "lib/fabric-mcp.jar", "lib/fabric-mcp.aot", "runtime/bin/java",
                "runtime/legal/java.base", "licenses/THIRD-PARTY.txt", "licenses/Apache-2.0.txt", "LICENSE",
                "README.md")) {
            assertTrue(Files.exists(home.resolve(file)), "the distribution has " + file);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/fabric-mcp")));
    }

    @Test
    void runsOnItsOwnRuntimeWithoutJavaOrMavenOnThePath() throws Exception {
        assertFalse(Files.exists(tools.resolve("java")) || Files.exists(tools.resolve("mvn")));

        Result version = run(List.of("--version"));

        assertEquals(0, version.exitCode(), version.err());
        String runtimeVersion = Files.readAllLines(home.resolve("runtime/release")).stream()
                .filter(line -> line.startsWith("JAVA_VERSION=")).findFirst().orElseThrow()
                .replaceAll("JAVA_VERSION=\"(.*)\"", "$1");
        assertTrue(version.out().contains("Java " + runtimeVersion), version.out());
        assertFalse(version.err().contains("AOT cache"), "the class cache is used without complaint: "
                + version.err());
    }

    @Test
    void servesAPatternRunOverStdio() throws Exception {
        Process server = start(List.of("--fabric-url", fabric.uri().toString()));
        try (BufferedReader out = reader(server)) {
            OutputStream in = server.getOutputStream();
            send(in, INITIALIZE);
            assertTrue(readUntil(out, "\"id\":1").contains("\"serverInfo\""));
            send(in, INITIALIZED);
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            assertTrue(readUntil(out, "\"id\":2").contains("\"fabric_run_pattern\""));
            send(in, RUN_PATTERN);
            String result = readUntil(out, "\"id\":3");
            assertTrue(result.contains("the distribution works"), result);
            assertFalse(result.contains("\"isError\":true"), result);
            in.close();
            assertTrue(server.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void servesAPatternRunOverHttp() throws Exception {
        Process server = start(List.of("--transport", "http", "--port", "0", "--fabric-url", fabric.uri().toString()));
        try {
            URI endpoint = URI.create(endpointOf(server));
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> initialized = post(http, endpoint, INITIALIZE, null);
            assertEquals(200, initialized.statusCode(), initialized.body());
            String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertEquals(202, post(http, endpoint, INITIALIZED, session).statusCode());
            HttpResponse<String> ran = post(http, endpoint, RUN_PATTERN, session);

            assertEquals(200, ran.statusCode());
            assertTrue(ran.body().contains("the distribution works"), ran.body());
        } finally {
            server.destroy();
            assertTrue(server.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "SIGTERM stops the server");
        }
    }

    @Test
    void doctorFindsTheEmulator() throws Exception {
        Result doctor = run(List.of("doctor", "--fabric-url", fabric.uri().toString()));

        assertEquals(0, doctor.exitCode(), doctor.out() + doctor.err());
        assertTrue(doctor.out().startsWith("✓ Fabric at " + fabric.uri()), doctor.out());
    }

    @Test
    void configWritesTheLaunchersAbsolutePath() throws Exception {
        Result config = run(List.of("config", "claude-code"));

        assertEquals(0, config.exitCode(), config.err());
        assertTrue(config.out().contains(" -- " + home.resolve("bin/fabric-mcp").toRealPath()), config.out());
    }

    // ---- plumbing ----

    private record Result(int exitCode, String out, String err) {
    }

    private static Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/fabric-mcp").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", tools.toString());
        env.put("HOME", unpacked.toString());
        return builder.start();
    }

    private static Result run(List<String> args) throws Exception {
        Process process = start(args);
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String out = readAll(process.getInputStream());
        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        return new Result(process.exitValue(), out, err.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    private static String readAll(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(OutputStream in, String message) throws IOException {
        in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The first stdout line holding {@code marker}; fails when stdout ends first. */
    private static String readUntil(BufferedReader out, String marker) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains(marker)) {
                return line;
            }
        }
        throw new AssertionError("stdout ended before a line with " + marker);
    }

    /** The MCP endpoint the server prints on stderr once it listens. */
    private static String endpointOf(Process server) throws IOException {
        Pattern serving = Pattern.compile("serving MCP \\(Streamable HTTP\\) at (http://\\S+)");
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            Matcher matcher = serving.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> readAll(server.getErrorStream()), "drain-stderr");
                drain.setDaemon(true);
                drain.start();
                return matcher.group(1);
            }
        }
        throw new AssertionError("the HTTP server never said where it listens");
    }

    private static HttpResponse<String> post(HttpClient http, URI endpoint, String body, String session)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(WAIT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not on the test's PATH");
    }
}
