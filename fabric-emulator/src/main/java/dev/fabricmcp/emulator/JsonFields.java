package dev.fabricmcp.emulator;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object whose keys keep the order of Fabric's Go struct fields, some of them {@code omitempty}. */
final class JsonFields extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    /** Adds a field that is always written. */
    JsonFields field(String name, Object value) {
        put(name, value);
        return this;
    }

    /** Adds a field that Go leaves out when empty: {@code ""}, 0, false, null, an empty list or map. */
    JsonFields omitEmpty(String name, Object value) {
        boolean empty = value == null
                || value instanceof String text && text.isEmpty()
                || value instanceof Boolean flag && !flag
                || value instanceof Number number && number.doubleValue() == 0
                || value instanceof Collection<?> collection && collection.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty();
        if (!empty) {
            put(name, value);
        }
        return this;
    }
}
