package se.nexus.audit.log;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;

import se.nexus.audit.chain.Entry;

/** Maps rows of {@code audit_entries} back to exactly the values their hash was computed over. */
final class EntryRows implements RowMapper<StoredEntry> {

    static final String COLUMNS = "position, event_id, event_type, topic, kafka_partition, kafka_offset, occurred_at, "
        + "appended_at, producer, acting_agency, acting_user_ref, referral_id, subject_ref, agencies, details, hash, "
        + "signing_key_id, event_signature";

    @Override
    public StoredEntry mapRow(ResultSet rs, int rowNum) throws SQLException {
        Entry entry = new Entry(rs.getLong("position"), rs.getString("event_id"), rs.getString("event_type"),
            rs.getString("topic"), rs.getObject("kafka_partition", Integer.class),
            rs.getObject("kafka_offset", Long.class), millis(rs, "occurred_at"), millis(rs, "appended_at"),
            rs.getString("producer"), rs.getString("acting_agency"), rs.getString("acting_user_ref"),
            rs.getString("referral_id"), rs.getString("subject_ref"), agencies(rs.getArray("agencies")),
            rs.getString("details"), rs.getString("signing_key_id"), rs.getString("event_signature"));
        return new StoredEntry(entry, rs.getBytes("hash"));
    }

    private static Long millis(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant().toEpochMilli();
    }

    private static List<String> agencies(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
