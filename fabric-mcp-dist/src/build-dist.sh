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

# The class cache: a stdio session against the Fabric emulator the reactor built (module fabric-emulator), see
# train-cache.sh; the JVM writes the cache when the session ends. JDK 25+ makes an ahead-of-time cache (classes
# loaded and linked, method profiles), older JDKs a CDS archive. Same flags as bin/fabric-mcp, or the JVM would not
# use it.
flags=(-Xlog:disable -Xlog:all=warning:stderr -XX:-UsePerfData -XX:+UseSerialGC -Xms64m -Xmn40m -XX:TieredStopAtLevel=1)
if (( feature >= 25 )); then
  flags+=(-XX:AOTCacheOutput="$stage/lib/fabric-mcp.aot")
else
  flags+=(-XX:ArchiveClassesAtExit="$stage/lib/fabric-mcp.jsa")
fi
if [[ ! -f "$here/../../fabric-emulator/target/fabric-emulator.jar" ]]; then
  echo "build-dist: no fabric-emulator/target/fabric-emulator.jar to train the class cache against" >&2
  exit 1
fi
bash "$here/train-cache.sh" "$stage/runtime/bin/java" "$stage/lib/fabric-mcp.jar" \
  "$jdk/bin/java" "$here/../../fabric-emulator/target/fabric-emulator.jar" "$target/training.log" "${flags[@]}" \
  || { echo "build-dist: the training session failed, see $target/training.log" >&2; exit 1; }
rm -f "$stage/lib/fabric-mcp.aot.config"

tar -C "$target" -czf "$target/$name-linux-x64.tar.gz" "$name"
echo "build-dist: $target/$name-linux-x64.tar.gz ($(du -k "$target/$name-linux-x64.tar.gz" | cut -f1) KiB)" >&2
