package dev.fabricmcp.it.e2e;

import dev.fabricmcp.emulator.FabricEmulator;

/**
 * The Fabric the content features are tested against: the emulator's patterns plus one context and one session,
 * whose texts the tests check. One place, so that every era and transport is tested on the same content.
 */
final class ContentFabric {

    static final String CONTEXT = "about_me";
    static final String CONTEXT_TEXT = "I write Java for a living.";
    static final String SESSION = "release_notes";

    private ContentFabric() {
    }

    static FabricEmulator start() {
        return FabricEmulator.builder().build().start()
                .putContext(CONTEXT, CONTEXT_TEXT)
                .putSession(SESSION, "[{\"role\":\"user\",\"content\":\"Draft the notes\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Here they are\"}]");
    }
}
