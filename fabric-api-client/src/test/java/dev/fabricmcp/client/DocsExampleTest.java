package dev.fabricmcp.client;

import static dev.fabricmcp.client.EmulatedFabric.COMPLETE;
import static dev.fabricmcp.client.EmulatedFabric.PATTERN_NOT_FOUND;
import static dev.fabricmcp.client.EmulatedFabric.content;
import static dev.fabricmcp.client.EmulatedFabric.json;
import static dev.fabricmcp.client.EmulatedFabric.only;
import static dev.fabricmcp.client.EmulatedFabric.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.emulator.FabricEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java in {@code docs/client.md} compiles and does what the text says: each block after a
 * {@code <!-- DocsExampleTest: ... -->} marker is taken from the file as it is, compiled, and run against a stub
 * Fabric.
 */
class DocsExampleTest {

    private static final String DOCUMENTED_URL = "http://127.0.0.1:8080";
    private static final java.util.regex.Pattern MARKED_BLOCK = java.util.regex.Pattern.compile(
            "<!-- DocsExampleTest: (\\w+) -->\\s*```java\\n(.*?)```", java.util.regex.Pattern.DOTALL);

    @RegisterExtension
    static final EmulatedFabric stub = new EmulatedFabric();
    private static final FabricEmulator fabric = stub.emulator();

    @TempDir
    Path classes;

    @Test
    void theStreamingProgramPrintsEachContentChunkOfTheRunThenItsTokenCount() throws Exception {
        fabric.answer("POST", "/chat", stream(content("Java 17"), content(" is an LTS."),
                "{\"type\":\"usage\",\"usage\":{\"input_tokens\":9,\"output_tokens\":4,\"total_tokens\":13}}",
                content("\\n"), COMPLETE));
        String program = block("program").get(0).replace(DOCUMENTED_URL, fabric.uri().toString());

        Class<?> main = compile("Summarize", program);
        String printed = capture(System::setOut, System.out,
                () -> main.getMethod("main", String[].class).invoke(null, (Object) new String[0]));

        assertEquals("Java 17 is an LTS.\n[13 tokens]" + System.lineSeparator(), printed);
        JsonObject sent = JsonParser.parseString(only(fabric, "POST", "/chat").bodyText()).getAsJsonObject();
        JsonObject expected = JsonParser.parseString("{\"patternName\":\"summarize\","
                + "\"userInput\":\"Java 17 is a long-term-support release.\"}").getAsJsonObject();
        assertTrue(sent.getAsJsonArray("prompts").asList().stream().anyMatch(prompt -> expected.entrySet().stream()
                .allMatch(field -> field.getValue().equals(prompt.getAsJsonObject().get(field.getKey())))), sent::toString);
    }

    @Test
    void everySnippetCompiles() throws Exception {
        List<String> snippets = block("snippet");

        assertEquals(2, snippets.size(), "the request builder and the error handling");
        for (int i = 0; i < snippets.size(); i++) {
            assertNotNull(compile("Snippet" + i, asClass("Snippet" + i, snippets.get(i))));
        }
    }

    @Test
    void theErrorHandlingSnippetCatchesAMissingPattern() throws Exception {
        fabric.answer("GET", "/patterns/summarize", json(500, "\"" + PATTERN_NOT_FOUND + "\""));
        String snippet = block("snippet").stream().filter(text -> text.contains("catch")).findFirst().orElseThrow();
        Class<?> type = compile("ErrorSnippet", asClass("ErrorSnippet", snippet));
        Method run = type.getMethod("run", FabricClient.class);
        FabricClient client = FabricClient.builder().baseUri(fabric.uri()).build();

        String printed = capture(System::setErr, System.err, () -> run.invoke(null, client));

        assertEquals("No such pattern: " + PATTERN_NOT_FOUND + System.lineSeparator(), printed);
    }

    /** The marked blocks of one kind, in the order they appear in the document. */
    private static List<String> block(String kind) throws IOException {
        Path docs = Path.of(System.getProperty("basedir", ".")).resolve("../docs/client.md").normalize();
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher matcher = MARKED_BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(kind)) {
                blocks.add(matcher.group(2));
            }
        }
        assertTrue(!blocks.isEmpty(), "no block marked '" + kind + "' in " + docs);
        return blocks;
    }

    /** A snippet of statements as the body of {@code static void run(FabricClient fabric)}. */
    private static String asClass(String name, String statements) {
        return "import dev.fabricmcp.client.*;\n"
                + "import java.net.URI;\n"
                + "import java.util.*;\n"
                + "public class " + name + " {\n"
                + "    public static void run(FabricClient fabric) throws Exception {\n"
                + statements
                + "    }\n"
                + "}\n";
    }

    private Class<?> compile(String className, String source) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK, not a JRE");
        Path file = classes.resolve(className + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path clientClasses = Path.of(FabricClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean compiled = javac.getTask(null, files, diagnostics,
                    List.of("-d", classes.toString(), "-classpath", clientClasses.toString(), "--release", "17"),
                    null, files.getJavaFileObjects(file)).call();
            StringBuilder errors = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                errors.append(diagnostic).append('\n');
            }
            assertTrue(compiled, () -> "the documented code does not compile:\n" + errors + "\n" + source);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                DocsExampleTest.class.getClassLoader());
        return loader.loadClass(className);
    }

    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }

    /** Runs {@code code} with one standard stream captured, within a time limit, and returns what it printed. */
    private static String capture(java.util.function.Consumer<PrintStream> redirect, PrintStream original, Run code) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        redirect.accept(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(10), code::run);
        } finally {
            redirect.accept(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
