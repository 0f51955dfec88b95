package dev.fabricmcp.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock stand-in for Fabric, shared by a test class: started before its tests, emptied of stubs and
 * recorded requests before each one, stopped after the last.
 */
final class WireMockFabric implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final WireMockServer server = FabricStubs.newWireMock();

    WireMockServer server() {
        return server;
    }

    /** A client of the stub, retrying without pauses. */
    FabricClient newClient() {
        return FabricStubs.clientOf(server).build();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!server.isRunning()) {
            server.start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // @Nested classes inherit the extension and end before their outer class: only the outer one stops it.
        if (context.getTestClass().map(type -> type.getEnclosingClass() == null).orElse(true)) {
            server.stop();
        }
    }
}
