package dev.fabricmcp.client;

import java.util.Objects;

/**
 * A Fabric context as {@code GET /contexts/{name}} returns it.
 *
 * @param name    the context's name
 * @param content the text Fabric puts before the pattern when this context is named
 */
public record FabricContext(String name, String content) {

    public FabricContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }
}
