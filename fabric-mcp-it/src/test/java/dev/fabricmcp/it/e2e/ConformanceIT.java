package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.FabricMcpProcess;
import dev.fabricmcp.it.support.NodeRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suites against fabric-mcp's Streamable HTTP transport: 0.1.16 for the legacy
 * (2025-11-25) sessions, 0.2.0-alpha.12 at {@code --spec-version 2026-07-28} for modern requests, on the same
 * endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceIT {

    /** The checks of the 2026-07-28 suite fabric-mcp does not pass, each with its reason. */
    private static final Path EXPECTED_FAILURES = Path.of("src/test/node/conformance-2026-expected-failures.yaml")
            .toAbsolutePath();

    private FabricEmulator fabric;
    private FabricMcpProcess server;

    @BeforeAll
    void start() {
        fabric = FabricEmulator.builder().build().start();
        server = FabricMcpProcess.startHttp(List.of(), Map.of("FABRIC_BASE_URL", fabric.uri().toString()));
    }

    @AfterAll
    void stop() {
        server.close();
        fabric.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-initialize", "ping", "tools-list", "logging-set-level", "completion-complete",
            "server-sse-multiple-streams", "dns-rebinding-protection"})
    void passes(String scenario) {
        NodeRun run = NodeRun.run(List.of("node_modules/@modelcontextprotocol/conformance/dist/index.js", "server",
                "--url", server.endpoint().toString(), "--scenario", scenario), Map.of(), Duration.ofMinutes(2));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("0 failed"), run.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-stateless", "tools-list", "caching", "http-header-validation",
            "dns-rebinding-protection", "server-sse-multiple-streams", "completion-complete"})
    void passesAtTheModernRevision(String scenario) {
        NodeRun run = NodeRun.run(List.of("node_modules/conformance-2026/dist/index.js", "server",
                "--url", server.endpoint().toString(), "--scenario", scenario, "--spec-version", "2026-07-28",
                "--expected-failures", EXPECTED_FAILURES.toString()), Map.of(), Duration.ofMinutes(2));
        // Exit code 0: every failure is one the baseline lists, and every check it lists still fails.
        assertEquals(0, run.exitCode(), run.output());
    }
}
