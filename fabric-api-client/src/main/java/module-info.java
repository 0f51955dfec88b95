/**
 * A Java client for Fabric's REST API ({@code fabric --serve}), with a streaming {@code /chat}. The API is the one
 * package {@code dev.fabricmcp.client}; the server-sent-events parser it reads streams with is internal.
 */
module dev.fabricmcp.client {
    requires transitive java.net.http;
    requires com.google.gson;

    exports dev.fabricmcp.client;
}
