package se.nexus.notification.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** A page of one agency's inbox, optionally only unacknowledged, of one urgency, or since a time. */
public record InboxQuery(String agency, boolean unacknowledgedOnly, Urgency urgency, Instant since, int page,
        int size) {

    static final String WHERE = """
            agency = :agency
            AND (NOT :unacknowledgedOnly OR acknowledged_at IS NULL)
            AND (CAST(:urgency AS TEXT) IS NULL OR urgency = :urgency)
            AND (CAST(:since AS TIMESTAMPTZ) IS NULL OR created_at >= :since)""";

    MapSqlParameterSource parameters() {
        Map<String, Object> values = new HashMap<>();
        values.put("agency", agency);
        values.put("unacknowledgedOnly", unacknowledgedOnly);
        values.put("urgency", urgency == null ? null : urgency.name());
        values.put("since", since == null ? null : Timestamp.from(since));
        values.put("limit", size);
        values.put("offset", (long) page * size);
        return new MapSqlParameterSource(values);
    }
}
