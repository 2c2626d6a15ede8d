package se.nexus.audit.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTests {

    @Test
    void readsTheShapesOfAnExportLine() {
        Map<?, ?> parsed = (Map<?, ?>) Json.parse(
            "{\"a\":1,\"b\":null,\"c\":[\"x\",\"y\"],\"d\":\"q\\\"\\u00e5\",\"e\":true,\"f\":{},\"g\":-1.5}");
        assertThat(parsed.get("a")).isEqualTo(1L);
        assertThat(parsed.containsKey("b")).isTrue();
        assertThat(parsed.get("b")).isNull();
        assertThat(parsed.get("c")).isEqualTo(List.of("x", "y"));
        assertThat(parsed.get("d")).isEqualTo("q\"å");
        assertThat(parsed.get("e")).isEqualTo(true);
        assertThat(parsed.get("f")).isEqualTo(Map.of());
        assertThat(parsed.get("g").toString()).isEqualTo("-1.5");
    }

    @Test
    void refusesTrailingGarbageAndUnterminatedInput() {
        for (String bad : List.of("{\"a\":1} x", "{\"a\":\"x}", "[1,", "{\"a\" 1}", "")) {
            assertThatThrownBy(() -> Json.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesWhatOtherReadersWouldReadDifferently() {
        for (String bad : List.of("{\"a\":1,\"a\":2}", "01", "1.", "+1", ".5", "\"\ud800\"", "\"\udc00x\"", "\"\\ud800\"",
                "\"tab\there\"", "\"\\u12\"", "\"\\u+123\"", "NaN", "Infinity")) {
            assertThatThrownBy(() -> Json.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
