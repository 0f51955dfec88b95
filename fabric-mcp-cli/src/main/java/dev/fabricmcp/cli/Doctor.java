package dev.fabricmcp.cli;

import dev.fabricmcp.client.ChatPrompt;
import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricAuthenticationException;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.FabricException;
import dev.fabricmcp.client.FabricHttpException;
import dev.fabricmcp.client.FabricProtocolException;
import dev.fabricmcp.client.FabricStreamException;
import dev.fabricmcp.client.FabricUnreachableException;
import dev.fabricmcp.client.ModelCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * The checks of {@code fabric-mcp doctor}, in the order a user would fix them: Fabric answers, the key is accepted,
 * Fabric has what a run needs, and (with {@code --run}) a run streams. Each check prints one line, {@code ✓} or
 * {@code ✗}; a {@code ✗} line is followed by what to do. A check that the later ones depend on stops the rest.
 */
final class Doctor {

    static final String PASS = "✓";
    static final String FAIL = "✗";

    /** A vendor no Fabric has: asking for it makes Fabric name its defaults without calling any model. */
    static final String PROBE_VENDOR = "fabric-mcp-doctor-probe";

    private static final java.util.regex.Pattern DEFAULTS = java.util.regex.Pattern.compile(
            "Default Model = (.*)\\n Default Vendor = (.*?)\\.?\\n");
    private static final long RUN_LIMIT_SECONDS = 120;

    /** Where the settings came from, for the messages: never the key itself. */
    record Sources(String url, String apiKey) {
    }

    private final FabricClient fabric;
    private final Supplier<FabricClient> withoutKey;
    private final Sources sources;
    private final PrintWriter out;
    private boolean allPassed = true;

    Doctor(FabricClient fabric, Supplier<FabricClient> withoutKey, Sources sources, PrintWriter out) {
        this.fabric = fabric;
        this.withoutKey = withoutKey;
        this.sources = sources;
        this.out = out;
    }

    /** Runs the checks; {@code true} when every one passed. */
    boolean run(boolean tryARun) {
        if (reachFabric() && acceptsTheKey()) {
            countWhatFabricHas();
            defaultModel();
            if (tryARun) {
                streamARun();
            }
        }
        out.flush();
        return allPassed;
    }

    private boolean reachFabric() {
        String where = "Fabric at " + fabric.baseUri() + " (" + sources.url() + ")";
        try {
            fabric.listPatternNames();
            pass(where + " answers as Fabric does");
        } catch (FabricAuthenticationException e) {
            if (e.reason() == FabricAuthenticationException.Reason.OTHER) {
                return fail(where + " answers 401 \"" + e.fabricMessage() + "\", which is not Fabric's answer",
                        "something other than `fabric --serve` (a proxy?) asks for credentials: point --fabric-url"
                                + " or FABRIC_BASE_URL at Fabric itself");
            }
            pass(where + " answers as Fabric does (it asks for an API key)");
        } catch (FabricUnreachableException e) {
            return fail(where + ": nothing answers (" + e.getMessage() + ")",
                    "start Fabric with `fabric --serve --address " + fabric.baseUri().getAuthority() + "`, or run"
                            + " fabric-mcp with --start-fabric, or set --fabric-url / FABRIC_BASE_URL to where it"
                            + " listens");
        } catch (FabricHttpException | FabricProtocolException e) {
            return fail(where + " answers, but not as Fabric does: " + e.getMessage(),
                    "--fabric-url / FABRIC_BASE_URL must be the address of `fabric --serve` (its REST API), e.g."
                            + " http://127.0.0.1:8080, with no path");
        }
        return true;
    }

    private boolean acceptsTheKey() {
        try {
            fabric.listSessionNames();
        } catch (FabricAuthenticationException e) {
            if (e.reason() == FabricAuthenticationException.Reason.MISSING_KEY) {
                return fail("API key: missing. Fabric was started with --api-key",
                        "set FABRIC_API_KEY (or --fabric-api-key-file) to the key Fabric was started with");
            }
            return fail("API key: Fabric rejects the key from " + sources.apiKey(),
                    "make the key in " + sources.apiKey() + " the exact key Fabric was started with (fabric"
                            + " --serve --api-key KEY); keys are case-sensitive");
        } catch (FabricException e) {
            return fail("API key: cannot tell, " + e.getMessage(), "run `fabric-mcp doctor` again");
        }
        if (!fabric.hasApiKey()) {
            pass("API key: none needed (Fabric runs without --api-key)");
            return true;
        }
        try {
            withoutKey.get().listSessionNames();
            pass("API key: not needed (Fabric runs without --api-key), the key from " + sources.apiKey()
                    + " is ignored");
        } catch (FabricAuthenticationException e) {
            pass("API key: accepted (from " + sources.apiKey() + ")");
        }
        return true;
    }

    private void countWhatFabricHas() {
        count("patterns", fabric::listPatternNames,
                "Fabric has no patterns: run `fabric --setup` (or `fabric -U`) to download them");
        try {
            ModelCatalog models = fabric.listModels();
            if (models.models().isEmpty()) {
                fail("models: none", "configure a vendor with `fabric --setup`");
            } else {
                pass("models: " + models.models().size() + " from " + models.vendors().size() + " vendors "
                        + new java.util.TreeSet<>(models.vendors().keySet()));
            }
        } catch (FabricException e) {
            fail("models: " + e.getMessage(), "configure a vendor with `fabric --setup`, then restart Fabric");
        }
        count("strategies", fabric::listStrategies, null);
        count("contexts", fabric::listContextNames, null);
        count("sessions", fabric::listSessionNames, null);
    }

    /** One count line; {@code fixWhenNone} makes an empty list a failure. */
    private void count(String what, Supplier<List<?>> list, String fixWhenNone) {
        try {
            int size = list.get().size();
            if (size == 0 && fixWhenNone != null) {
                fail(what + ": none", fixWhenNone);
            } else {
                pass(what + ": " + size);
            }
        } catch (FabricException e) {
            fail(what + ": " + e.getMessage(), "see Fabric's own log (the terminal running `fabric --serve`)");
        }
    }

    /** Fabric names its defaults when asked for a vendor it does not have; no model is called. */
    private void defaultModel() {
        ChatRequest probe = ChatRequest.builder()
                .prompt(ChatPrompt.builder().vendor(PROBE_VENDOR).userInput("").build()).build();
        String fix = "run `fabric --setup` and choose a default model, or set DEFAULT_VENDOR and DEFAULT_MODEL in"
                + " ~/.config/fabric/.env, then restart Fabric";
        try {
            fabric.chat(probe, text -> { }).get(30, TimeUnit.SECONDS);
            fail("default model: Fabric did not say", fix);
        } catch (ExecutionException e) {
            Matcher defaults = e.getCause() instanceof FabricStreamException stream
                    && stream.reason() == FabricStreamException.Reason.ERROR_EVENT
                    ? DEFAULTS.matcher(stream.detail()) : null;
            if (defaults == null || !defaults.find()) {
                fail("default model: " + e.getCause().getMessage(), fix);
            } else if (defaults.group(1).isBlank() || defaults.group(2).isBlank()) {
                fail("default model: none set", fix);
            } else {
                pass("default model: " + defaults.group(1) + " (vendor " + defaults.group(2) + ")");
            }
        } catch (TimeoutException | InterruptedException e) {
            fail("default model: Fabric did not answer within 30 s", "see Fabric's own log");
        }
    }

    private void streamARun() {
        ChatRequest request = ChatRequest.builder().prompt(ChatPrompt.builder()
                .userInput("Reply with one short sentence: is this connection working?").build()).build();
        AtomicLong firstChunkAt = new AtomicLong();
        AtomicInteger chunks = new AtomicInteger();
        long started = System.nanoTime();
        try {
            fabric.chat(request, text -> {
                firstChunkAt.compareAndSet(0, System.nanoTime());
                chunks.incrementAndGet();
            }).get(RUN_LIMIT_SECONDS, TimeUnit.SECONDS);
            long ended = System.nanoTime();
            if (chunks.get() == 0) {
                fail("run: Fabric answered with no text", "see Fabric's own log; try the model with `fabric`");
                return;
            }
            double streamSeconds = Math.max(ended - firstChunkAt.get(), 1) / 1e9;
            pass(String.format(java.util.Locale.ROOT, "run: first chunk after %d ms, %d chunks in %.2f s"
                            + " (%.0f chunks/s)", (firstChunkAt.get() - started) / 1_000_000, chunks.get(),
                    (ended - started) / 1e9, chunks.get() / streamSeconds));
        } catch (ExecutionException | CompletionException e) {
            fail("run: " + e.getCause().getMessage(),
                    "check the default model's vendor (its key, its URL) with `fabric --setup`");
        } catch (TimeoutException | InterruptedException e) {
            fail("run: no answer within " + RUN_LIMIT_SECONDS + " s", "see Fabric's own log");
        }
    }

    private void pass(String line) {
        out.println(PASS + " " + line);
    }

    private boolean fail(String line, String whatToDo) {
        allPassed = false;
        out.println(FAIL + " " + line);
        out.println("    → " + whatToDo);
        return false;
    }
}
