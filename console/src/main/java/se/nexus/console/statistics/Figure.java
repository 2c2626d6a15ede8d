package se.nexus.console.statistics;

import tools.jackson.databind.JsonNode;

/**
 * One published number of a statistics table, or the mark that it was suppressed (a small number, or one that
 * would let a small number be recomputed). A suppressed figure carries no value: the service never sent one.
 */
record Figure(Double value, boolean suppressed) {

    static final Figure NONE = new Figure(null, false);

    static Figure of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NONE;
        }
        boolean suppressed = node.path("suppressed").asBoolean(false);
        JsonNode value = node.path("value");
        return new Figure(suppressed || !value.isNumber() ? null : value.asDouble(), suppressed);
    }

    boolean published() {
        return !suppressed && value != null;
    }

    /** The value, or 0 where there is none to draw. */
    double drawn() {
        return published() ? value : 0;
    }
}
