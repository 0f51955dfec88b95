/**
 * An imitation of Fabric's REST API ({@code fabric --serve}) for tests: one package, on the JDK's HTTP server.
 * Gson writes some of its own values as JSON, hence the package is open to it.
 */
module dev.fabricmcp.emulator {
    requires transitive jdk.httpserver;
    requires com.google.gson;

    exports dev.fabricmcp.emulator;
    opens dev.fabricmcp.emulator to com.google.gson;
}
