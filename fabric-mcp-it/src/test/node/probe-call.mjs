// What the probes share: one tool call with an onprogress handler, printed as one JSON line that says when each
// progress notification and the result arrived (in ms since the probe started), or the error.
const started = performance.now();
const elapsed = () => Math.round((performance.now() - started) * 10) / 10;

// When PROBE_RELEASE_URL is set, the first progress notification requests it: the test's Fabric holds the rest of
// its answer until then, so a result can only arrive if progress reached this client before it.
const releaseUrl = process.env.PROBE_RELEASE_URL;
let released = null;

// Connects `client` over `transport`, calls the tool with `callTool(options)` and exits; `summary(client)` adds
// fields to the line.
export async function probe(client, transport, callTool, summary = () => ({})) {
  const progress = [];
  try {
    await client.connect(transport);
    const result = await callTool({
      onprogress: (p) => {
        progress.push({ at: elapsed(), progress: p.progress, message: p.message ?? "" });
        if (releaseUrl && released === null) {
          released = fetch(releaseUrl).then(() => elapsed());
        }
      },
      timeout: 120000,
      resetTimeoutOnProgress: true,
    });
    const resultAt = elapsed();
    const releasedAt = released === null ? null : await released;
    console.log(JSON.stringify({ progress, resultAt, releasedAt, isError: result.isError === true, ...summary(client),
      text: (result.content ?? []).map((c) => c.text ?? "").join("") }));
    await client.close();
    process.exit(0);
  } catch (error) {
    console.log(JSON.stringify({ progress, error: String(error) }));
    process.exit(1);
  }
}
