package dev.fabricmcp.emulator;

import java.util.List;

/**
 * A Go struct type that {@link GoBinder} decodes into.
 *
 * @param name          the type name as {@code reflect.Type.Name()} gives it ({@code ChatRequest})
 * @param qualifiedName the name with its package ({@code restapi.ChatRequest})
 * @param fields        the fields, in Go's field order (which decides case-insensitive matches)
 */
record GoStructType(String name, String qualifiedName, List<GoField> fields) {

    GoStructType {
        fields = List.copyOf(fields);
    }

    /**
     * Finds the field for a JSON key like Go's decoder: an exact match first, then the first field whose
     * name matches ignoring case.
     */
    GoField field(String key) {
        for (GoField f : fields) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        for (GoField f : fields) {
            if (f.key().equalsIgnoreCase(key)) {
                return f;
            }
        }
        return null;
    }
}
