package dev.fabricmcp.emulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A Go struct value for {@link GoJson}: fields in declaration order, each optionally {@code omitempty}.
 *
 * <p>Go's {@code omitempty} drops {@code ""}, {@code 0}, {@code false}, {@code nil} and empty maps/slices;
 * a nil pointer to a struct is {@code null} here.
 */
public final class GoStruct {

    private record Field(String name, Object value) {
    }

    private final List<Field> fields = new ArrayList<>();

    /** Adds a field that is always written. */
    public GoStruct field(String name, Object value) {
        fields.add(new Field(name, value));
        return this;
    }

    /** Adds a field that is skipped when its value is empty in Go's sense. */
    public GoStruct omitEmpty(String name, Object value) {
        if (!isEmpty(value)) {
            fields.add(new Field(name, value));
        }
        return this;
    }

    private static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof String s) {
            return s.isEmpty();
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() == 0;
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        return false;
    }

    void writeTo(StringBuilder out) {
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            GoJson.writeString(out, fields.get(i).name());
            out.append(':');
            GoJson.write(out, fields.get(i).value());
        }
        out.append('}');
    }

    @Override
    public String toString() {
        return GoJson.encode(this);
    }
}
