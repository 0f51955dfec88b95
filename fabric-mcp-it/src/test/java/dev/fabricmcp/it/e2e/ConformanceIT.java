package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.FabricMcpProcess;
import dev.fabricmcp.it.support.NodeRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official MCP conformance suite (0.1.16) against fabric-mcp's Streamable HTTP transport. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceIT {

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
}
