package dev.fabricmcp.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.transport.http.HttpTransport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The options mapped onto the core's HTTP transport; the transport itself is tested in the core. */
class HttpServerTest {

    @Test
    void saysWhatToDoWhenThePortIsTaken() {
        FabricMcpServer fabricMcp = FabricMcpServer.builder(FabricClient.builder()
                .baseUri(URI.create("http://127.0.0.1:1")).build()).build();
        try (HttpTransport taken = HttpServer.start(fabricMcp, settings(0))) {
            StartupException failure = assertThrows(StartupException.class,
                    () -> HttpServer.start(fabricMcp, settings(taken.port())));
            String message = failure.getMessage();
            assertTrue(message.startsWith("cannot listen on 127.0.0.1:" + taken.port()), message);
            assertTrue(message.contains("--port"), message);
        }
    }

    private static HttpSettings settings(int port) {
        return new HttpSettings("127.0.0.1", port, "/mcp", List.of(), List.of(), Optional.empty(),
                Duration.ofMinutes(30), Duration.ofSeconds(30));
    }
}
