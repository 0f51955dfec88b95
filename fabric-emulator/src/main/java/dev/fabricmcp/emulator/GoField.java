package dev.fabricmcp.emulator;

/**
 * One field of a Go struct that {@link GoBinder} decodes into.
 *
 * @param key    the JSON name: the json tag, or the Go field name for untagged fields
 * @param kind   how the value is decoded ({@code RAW} keeps any JSON value as a {@code JsonElement})
 * @param goType the Go type as {@code reflect.Type.String()} prints it, for error messages
 * @param elem   the element struct for {@link Kind#STRUCT_SLICE}, otherwise {@code null}
 */
record GoField(String key, Kind kind, String goType, GoStructType elem) {

    /** The Go kinds the emulator's request structs use. */
    enum Kind {
        STRING, FLOAT64, INT, BOOL, STRING_MAP, STRUCT_SLICE, RAW
    }

    static GoField of(String key, Kind kind) {
        String goType = switch (kind) {
            case STRING -> "string";
            case FLOAT64 -> "float64";
            case INT -> "int";
            case BOOL -> "bool";
            case STRING_MAP -> "map[string]string";
            case RAW -> "json.RawMessage";
            case STRUCT_SLICE -> throw new IllegalArgumentException("use slice()");
        };
        return new GoField(key, kind, goType, null);
    }

    static GoField typed(String key, Kind kind, String goType) {
        return new GoField(key, kind, goType, null);
    }

    static GoField slice(String key, GoStructType elem) {
        return new GoField(key, Kind.STRUCT_SLICE, "[]" + elem.qualifiedName(), elem);
    }
}
