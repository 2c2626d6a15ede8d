package se.nexus.audit.offline;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes the JSON of export lines for tests, so that the module needs no JSON library. */
final class TestJson {

    private TestJson() {
    }

    static String write(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> string((String) e.getKey()) + ":" + write(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TestJson::write).collect(Collectors.joining(",", "[", "]"));
        }
        return value.toString();
    }

    private static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
