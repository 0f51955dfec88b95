package dev.fabricmcp.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models Fabric can use, as {@code GET /models/names} lists them.
 *
 * @param models  every model name, in Fabric's order
 * @param vendors the models of each vendor, keyed by the vendor's display name, in Fabric's order
 */
public record ModelCatalog(List<String> models, Map<String, List<String>> vendors) {

    public ModelCatalog {
        models = List.copyOf(models);
        // Map.copyOf would iterate in a hash order that changes from one JVM to the next.
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        vendors.forEach((vendor, names) -> ordered.put(vendor, List.copyOf(names)));
        vendors = Collections.unmodifiableMap(ordered);
    }
}
