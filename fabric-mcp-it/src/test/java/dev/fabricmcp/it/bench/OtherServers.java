package dev.fabricmcp.it.bench;

import dev.fabricmcp.it.support.NodeClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The other servers the cold-start section times next to {@code ./fabric-mcp}: the TypeScript reference server
 * {@code @modelcontextprotocol/server-everything} (the version pinned in {@code src/test/node/package-lock.json},
 * installed like the suite's Node clients) and fabric-mcp's self-contained distribution, when one has been built.
 * Each is optional: the benchmark says why a row is missing instead of failing.
 */
final class OtherServers {

    private OtherServers() {
    }

    /** The command that starts the TypeScript reference server on stdio, installing it first when needed. */
    static Optional<List<String>> serverEverything() {
        try {
            Path script = NodeClients.home().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
            if (!Files.isRegularFile(script)) {
                Benchmarks.log("no " + script + ": no row for the TypeScript reference server");
                return Optional.empty();
            }
            return Optional.of(List.of(NodeClients.node().toString(), script.toString(), "stdio"));
        } catch (RuntimeException e) {
            Benchmarks.log("cannot install the TypeScript reference server (" + e.getMessage()
                    + "): no row for it");
            return Optional.empty();
        }
    }

    /** A Java runtime: where it is and its version. */
    record Jdk(Path path, String version) {
    }

    /**
     * A Java 25 or newer to run {@code ./fabric-mcp} on (through {@code JAVA_HOME}), where the launcher uses an
     * ahead-of-time class cache: {@code $BENCH_JAVA25_HOME}, else the Temurin 25 the distribution is built with
     * ({@code /usr/lib/jvm/temurin-25-jdk-amd64}). Empty when there is none.
     */
    static Optional<Jdk> java25() throws IOException {
        String configured = System.getenv("BENCH_JAVA25_HOME");
        Path home = Path.of(configured != null && !configured.isBlank() ? configured
                : "/usr/lib/jvm/temurin-25-jdk-amd64");
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            Benchmarks.log("no Java 25 at " + home + " (BENCH_JAVA25_HOME names one): no row for ./fabric-mcp on it");
            return Optional.empty();
        }
        Optional<String> version = Files.readAllLines(release).stream()
                .filter(line -> line.startsWith("JAVA_VERSION="))
                .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                .findFirst();
        if (version.isEmpty() || Integer.parseInt(version.get().split("[.+-]")[0]) < 25) {
            Benchmarks.log(home + " is not Java 25 or newer: no row for ./fabric-mcp on it");
            return Optional.empty();
        }
        return Optional.of(new Jdk(home, version.get()));
    }

    /**
     * The launcher of fabric-mcp's distribution, unpacked into {@code into} from the archive that
     * {@code mvn -pl fabric-mcp-dist -am package} left in {@code fabric-mcp-dist/target} ({@code tar} keeps the time
     * stamps its class cache checks). Empty when there is no archive: bench/run does not build it (a jlink and a
     * training run, minutes on two cores).
     */
    static Optional<Path> distribution(Path into) throws IOException, InterruptedException {
        Path target = ServerProcess.root().resolve("fabric-mcp-dist/target");
        Optional<Path> archive;
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            archive = files.filter(f -> f.getFileName().toString().endsWith("-linux-x64.tar.gz")).findFirst();
        }
        if (archive.isEmpty()) {
            Benchmarks.log("no distribution in " + target + " (mvn -B -ntp -DskipTests -pl fabric-mcp-dist -am"
                    + " package builds it): no row for it");
            return Optional.empty();
        }
        Process tar = new ProcessBuilder("tar", "-xzf", archive.get().toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes());
        if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0) {
            Benchmarks.log("cannot unpack " + archive.get() + ": " + out);
            return Optional.empty();
        }
        try (Stream<Path> unpacked = Files.list(into)) {
            return unpacked.map(dir -> dir.resolve("bin/fabric-mcp")).filter(Files::isExecutable).findFirst();
        }
    }
}
