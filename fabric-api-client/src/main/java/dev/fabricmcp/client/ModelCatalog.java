package dev.fabricmcp.client;

import java.util.List;
import java.util.Map;

/**
 * The models Fabric can use, as {@code GET /models/names} lists them.
 *
 * @param models  every model name, in Fabric's order
 * @param vendors the models of each vendor, keyed by the vendor's display name
 */
public record ModelCatalog(List<String> models, Map<String, List<String>> vendors) {

    public ModelCatalog {
        models = List.copyOf(models);
        vendors = Map.copyOf(vendors);
    }
}
