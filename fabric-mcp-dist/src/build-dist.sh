#!/usr/bin/env bash
# Builds NAME-linux-x64.tar.gz in TARGET: a Java runtime linked from JDK with only the modules fabric-mcp uses, the
# jar, its class cache (trained here, for that runtime), bin/fabric-mcp, the licences and a README.
# Run by `mvn package` (module fabric-mcp-dist); usage: build-dist.sh JDK JAR TARGET NAME
set -euo pipefail

jdk="$1" jar="$2" target="$3" name="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stage="$target/$name"

# jdeps on the jar names java.desktop, java.compiler and java.security.jgss too: only for code fabric-mcp never
# runs (Jetty's JAAS and leak preventers, Jackson's java.beans support, annotations). DistributionIT proves the
# trimmed runtime serves both transports.
modules=java.base,java.management,java.naming,java.net.http,java.sql,jdk.unsupported

if [[ ! -x "$jdk/bin/jlink" ]]; then
  echo "build-dist: no JDK at $jdk (set -Ddist.jdk=/path/to/jdk, 17 or newer; 25 gives the fastest start)" >&2
  exit 1
fi
feature="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"

rm -rf "$stage" "$target/$name-linux-x64.tar.gz"
mkdir -p "$stage/bin" "$stage/lib" "$stage/licenses"
compress=zip-6
if (( feature < 21 )); then compress=2; fi
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress="$compress" \
  --output "$stage/runtime"

cp "$jar" "$stage/lib/fabric-mcp.jar"
cp "$here/main/dist/bin/fabric-mcp" "$stage/bin/fabric-mcp"
chmod 755 "$stage/bin/fabric-mcp"
cp "$here/main/dist/README.md" "$stage/README.md"
cp "$here/../../LICENSE" "$stage/LICENSE"
cp "$here/main/dist/licenses/"* "$stage/licenses/"
if [[ -d "$target/licenses" ]]; then
  cp -R "$target/licenses/." "$stage/licenses/"
  find "$stage/licenses" -type d -empty -delete
fi

# The class cache: a stdio session records the classes a start and the first calls load; the JVM writes the cache
# when the session ends. JDK 25+ makes an ahead-of-time cache (classes loaded and linked, method profiles), older
# JDKs a CDS archive. Same flags as bin/fabric-mcp, or the JVM would not use it. The session runs against the Fabric
# emulator the reactor built (module fabric-emulator), so that a streamed run's whole path is in the cache: both
# protocol eras, the tool list, a streaming fabric_run_pattern (legacy, with progress, and modern) and a listing.
flags=(-Xlog:disable -Xlog:all=warning:stderr -XX:-UsePerfData -XX:+UseSerialGC -Xms32m -XX:TieredStopAtLevel=1)
if (( feature >= 25 )); then
  flags+=(-XX:AOTCacheOutput="$stage/lib/fabric-mcp.aot")
else
  flags+=(-XX:ArchiveClassesAtExit="$stage/lib/fabric-mcp.jsa")
fi
emulator_jar="$here/../../fabric-emulator/target/fabric-emulator.jar"
"$jdk/bin/java" -jar "$emulator_jar" --port 0 --word-delay-ms 1 >"$target/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT
fabric_url=""
for (( tries = 0; tries < 600; tries++ )); do
  fabric_url="$(sed -n 's|^fabric-emulator listening on \(http://[^ ]*\).*|\1|p' "$target/emulator.log")"
  if [[ -n "$fabric_url" ]]; then break; fi
  sleep 0.1
done
if [[ -z "$fabric_url" ]]; then
  echo "build-dist: the Fabric emulator ($emulator_jar) did not start, see $target/emulator.log" >&2
  exit 1
fi

coproc TRAINING { "$stage/runtime/bin/java" "${flags[@]}" -jar "$stage/lib/fabric-mcp.jar" --log-level error \
  --fabric-url "$fabric_url" 2>"$target/training.log"; }
training_in=${TRAINING[1]}
training_out=${TRAINING[0]}
modern='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}'
run='"name":"fabric_run_pattern","arguments":{"pattern_name":"summarize","input_text":"A text to train on.","stream":true}'
# One request at a time, each sent once the previous one is answered, as a client does.
requests=(
  '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"fabric-mcp-dist","version":"1"}}}'
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
      echo "build-dist: the training session did not answer request $id, see $target/training.log" >&2
      exit 1
    fi
    if [[ "$line" == *'"id":'"$id"','* && "$line" != *'"method":'* ]]; then break; fi
  done
done
exec {training_in}>&-
wait "$TRAINING_PID" || { echo "build-dist: the training session failed, see $target/training.log" >&2; exit 1; }
kill "$emulator_pid" 2>/dev/null || true
rm -f "$stage/lib/fabric-mcp.aot.config"

tar -C "$target" -czf "$target/$name-linux-x64.tar.gz" "$name"
echo "build-dist: $target/$name-linux-x64.tar.gz ($(du -k "$target/$name-linux-x64.tar.gz" | cut -f1) KiB)" >&2
