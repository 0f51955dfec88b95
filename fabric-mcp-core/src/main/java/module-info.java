/**
 * fabric-mcp's MCP server as a library: the tools, both protocol eras, the stdio and Streamable HTTP transports.
 * The MCP Java SDK's core ({@code io.modelcontextprotocol.sdk.mcp.core}) and Reactor ({@code reactor.core}) are
 * automatic modules (their jars name themselves in the manifest but carry no module descriptor); their types are
 * part of this API (McpSchema, Mono), hence the transitive requires.
 */
@SuppressWarnings("requires-transitive-automatic")
module dev.fabricmcp.core {
    requires transitive dev.fabricmcp.client;
    requires transitive io.modelcontextprotocol.sdk.mcp;
    requires transitive io.modelcontextprotocol.sdk.mcp.core;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires transitive jakarta.servlet;
    requires org.eclipse.jetty.ee11.servlet;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.util;
    requires com.google.gson;
    requires org.slf4j;
    requires org.apache.lucene.core;
    requires org.apache.lucene.analysis.common;

    exports dev.fabricmcp.core;
    exports dev.fabricmcp.core.call;
    exports dev.fabricmcp.core.cancel;
    exports dev.fabricmcp.core.catalog;
    exports dev.fabricmcp.core.features;
    exports dev.fabricmcp.core.protocol;
    exports dev.fabricmcp.core.streaming;
    exports dev.fabricmcp.core.tools;
    exports dev.fabricmcp.core.transport;
    exports dev.fabricmcp.core.transport.http;
}
