#!/usr/bin/env bash
# Trains fabric-mcp's class cache: runs one stdio session with the given JVM options (among them the one that
# writes the cache: -XX:AOTCacheOutput=FILE or -XX:ArchiveClassesAtExit=FILE), as a client would, so that the cache
# holds what a start and the first calls load. Run by build-dist.sh.
#
#   train-cache.sh JAVA JAR EMULATOR_JAVA EMULATOR_JAR LOG [JVM OPTION...]
#
# EMULATOR_JAR (module fabric-emulator; may be missing), run by EMULATOR_JAVA (a runtime with jdk.httpserver),
# serves as Fabric on a free port, so that the streamed runs go the whole way (the chat stream, the SSE parser, the
# relay, progress notifications). Without it the session's calls reach no Fabric (port 9): never the user's, as
# training must not run patterns there. Requests go one at a time, each once the previous one is answered: both
# eras, the tool list, a streamed run with progress (legacy and modern), a listing. Exit code 0 when the session
# ran and the JVM exited normally.
set -euo pipefail
java="$1" jar="$2" emulator_java="$3" emulator_jar="$4" log="$5"
shift 5

fabric_url="http://127.0.0.1:9"
emulator_pid=""
trap 'if [[ -n "$emulator_pid" ]]; then kill "$emulator_pid" 2>/dev/null || true; fi' EXIT
if [[ -f "$emulator_jar" ]]; then
  "$emulator_java" -jar "$emulator_jar" --port 0 --word-delay-ms 1 >"$log.fabric" 2>&1 &
  emulator_pid=$!
  for (( tries = 0; tries < 300; tries++ )); do
    listening="$(sed -n 's|^fabric-emulator listening on \(http://[^ ]*\).*|\1|p' "$log.fabric")"
    if [[ -n "$listening" ]]; then fabric_url="$listening"; break; fi
    if ! kill -0 "$emulator_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
fi

coproc TRAINING { "$java" "$@" -jar "$jar" --log-level error --fabric-url "$fabric_url" 2>"$log"; }
training_in=${TRAINING[1]}
training_out=${TRAINING[0]}
modern='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}'
run='"name":"fabric_run_pattern","arguments":{"pattern_name":"summarize","input_text":"A text to train on.","stream":true}'
requests=(
  '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"fabric-mcp-training","version":"1"}}}'
  '{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
  '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{'"$run"',"_meta":{"progressToken":3}}}'
  '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"fabric_list_patterns","arguments":{}}}'
  '{"jsonrpc":"2.0","id":5,"method":"server/discover","params":{'"$modern"'}}}'
  '{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{'"$run"','"$modern"',"progressToken":6}}}'
)
for request in "${requests[@]}"; do
  id="$(sed -n 's/^{"jsonrpc":"2.0","id":\([0-9]*\),.*/\1/p' <<<"$request")"
  printf '%s\n' "$request" >&"$training_in"
  if [[ "$id" == 1 ]]; then
    printf '%s\n' '{"jsonrpc":"2.0","method":"notifications/initialized"}' >&"$training_in"
  fi
  while true; do
    if ! IFS= read -r -t 120 line <&"$training_out"; then
      echo "train-cache: request $id got no answer, see $log" >&2
      exit 1
    fi
    if [[ "$line" == *'"id":'"$id"','* && "$line" != *'"method":'* ]]; then break; fi
  done
done
exec {training_in}>&-
wait "$TRAINING_PID"
