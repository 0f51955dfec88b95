package dev.fabricmcp.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator as a process: {@code java -jar fabric-emulator.jar [--port N] [--host H] [--api-key K]
 * [--word-delay-ms N]}. Defaults: port 8080, host 127.0.0.1, no API key, 5 ms between words. Prints one line
 * saying where it listens, then serves until the process is killed.
 */
public final class FabricEmulatorMain {

    private FabricEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FabricEmulator.Builder builder = FabricEmulator.builder().port(8080);
        String apiKey = "";
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--port" -> builder.port(Integer.parseInt(value(args, ++i, arg)));
                    case "--host" -> builder.host(value(args, ++i, arg));
                    case "--api-key" -> apiKey = value(args, ++i, arg);
                    case "--word-delay-ms" -> builder.wordDelay(
                            Duration.ofMillis(Long.parseLong(value(args, ++i, arg))));
                    case "-h", "--help" -> {
                        System.out.println(usage());
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("fabric-emulator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        builder.apiKey(apiKey);
        FabricEmulator emulator;
        try {
            emulator = builder.build().start();
        } catch (RuntimeException e) {
            System.err.println("fabric-emulator: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "fabric-emulator-shutdown"));
        System.out.println("fabric-emulator listening on " + emulator.uri()
                + (apiKey.isEmpty() ? " (no API key)" : " (X-API-Key required)"));
        System.out.flush();
        new CountDownLatch(1).await(); // serve until killed
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String usage() {
        return "usage: fabric-emulator [--port N (8080)] [--host ADDR (127.0.0.1)] [--api-key KEY] "
                + "[--word-delay-ms N (5)]";
    }
}
