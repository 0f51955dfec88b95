// An independent MCP client (the official TypeScript SDK) that calls one tool with an onprogress handler
// and prints, as one JSON line, when each progress notification and the result arrived.
// Usage: node probe.mjs <http-url | stdio> <tool> '<arguments-json>' [command args...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { probe } from "./probe-call.mjs";

const [target, tool, argsJson, ...command] = process.argv.slice(2);

const transport = target === "stdio"
  ? new StdioClientTransport({ command: command[0], args: command.slice(1), env: process.env, stderr: "ignore" })
  : new StreamableHTTPClientTransport(new URL(target));
const client = new Client({ name: "fabric-mcp-probe", version: "1.0.0" });
await probe(client, transport,
  (options) => client.callTool({ name: tool, arguments: JSON.parse(argsJson) }, undefined, options));
