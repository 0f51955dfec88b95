package dev.fabricmcp.emulator;

/**
 * A prompt after Fabric's checks and message building: either the {@code Error: ...} text Fabric streams, or
 * the vendor, model and messages it would send to the LLM.
 */
record PreparedPrompt(String vendor, String model, String systemMessage, String userMessage, String error) {

    static PreparedPrompt failed(String error) {
        return new PreparedPrompt(null, null, "", "", error);
    }

    boolean ok() {
        return error == null;
    }
}
