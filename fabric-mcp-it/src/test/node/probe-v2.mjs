// The TypeScript SDK v2 client (@modelcontextprotocol/client) with a version negotiation mode: calls one tool with
// an onprogress handler and prints, as one JSON line, when each progress notification and the result arrived and
// which protocol version the client settled on.
// Usage: node probe-v2.mjs <auto | pin> <http-url | stdio> <tool> '<arguments-json>' [command args...]
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

const [mode, target, tool, argsJson, ...command] = process.argv.slice(2);
const started = performance.now();
const elapsed = () => Math.round((performance.now() - started) * 10) / 10;

const transport = target === "stdio"
  ? new StdioClientTransport({ command: command[0], args: command.slice(1), env: process.env, stderr: "ignore" })
  : new StreamableHTTPClientTransport(new URL(target));
const client = new Client({ name: "fabric-mcp-probe-v2", version: "1.0.0" }, {
  versionNegotiation: { mode: mode === "pin" ? { pin: "2026-07-28" } : "auto" },
});
const progress = [];
try {
  await client.connect(transport);
  const result = await client.callTool({ name: tool, arguments: JSON.parse(argsJson) }, {
    onprogress: (p) => progress.push({ at: elapsed(), progress: p.progress, message: p.message ?? "" }),
    timeout: 120000,
    resetTimeoutOnProgress: true,
  });
  const resultAt = elapsed();
  console.log(JSON.stringify({ progress, resultAt, isError: result.isError === true,
    version: client.getNegotiatedProtocolVersion() ?? null,
    text: (result.content ?? []).map((c) => c.text ?? "").join("") }));
  await client.close();
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ progress, error: String(error) }));
  process.exit(1);
}
