// The TypeScript SDK v2 client (@modelcontextprotocol/client) with a version negotiation mode: calls one tool with
// an onprogress handler and prints, as one JSON line, when each progress notification and the result arrived and
// which protocol version the client settled on.
// Usage: node probe-v2.mjs <auto | pin> <http-url | stdio> <tool> '<arguments-json>' [command args...]
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { probe } from "./probe-call.mjs";

const [mode, target, tool, argsJson, ...command] = process.argv.slice(2);

const transport = target === "stdio"
  ? new StdioClientTransport({ command: command[0], args: command.slice(1), env: process.env, stderr: "ignore" })
  : new StreamableHTTPClientTransport(new URL(target));
const client = new Client({ name: "fabric-mcp-probe-v2", version: "1.0.0" }, {
  versionNegotiation: { mode: mode === "pin" ? { pin: "2026-07-28" } : "auto" },
});
await probe(client, transport, (options) => client.callTool({ name: tool, arguments: JSON.parse(argsJson) }, options),
  (connected) => ({ version: connected.getNegotiatedProtocolVersion() ?? null }));
