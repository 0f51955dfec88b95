package dev.fabricmcp.emulator;

/**
 * Fabric's file-system error texts for the in-memory stores, which stand in for
 * {@code ~/.config/fabric/{patterns,contexts,sessions}} (the directory is {@link EmulatorState#configDir}).
 */
final class Storage {

    private Storage() {
    }

    /** The text of a missing pattern, used by {@code GET /patterns/x}, apply and {@code /chat}. */
    static String patternNotFound(String name) {
        return "pattern '" + name + "' not found. Run 'fabric -l' to see available patterns";
    }

    /** The text of a missing context: {@code could not load C: open DIR/contexts/C: no such file or directory}. */
    static String contextNotFound(EmulatorState state, String name) {
        return "could not load " + name + ": open " + state.configDir + "/contexts/" + name
                + ": no such file or directory";
    }

    /** Fabric refuses pattern names that could leave the patterns directory. */
    static boolean invalidName(String name) {
        return name.contains("..");
    }
}
