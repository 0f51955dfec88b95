/**
 * A server-sent events parser that works on raw bytes as they arrive. {@link dev.fabricmcp.client.FabricClient}
 * uses it for Fabric's {@code /chat} stream; it knows nothing of Fabric.
 */
package dev.fabricmcp.client.sse;
