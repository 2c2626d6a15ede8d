package se.nexus.audit.log;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.audit.chain.ChainHash;
import se.nexus.audit.chain.Entry;

/**
 * The hash-chained, append-only audit log. Appends are serialised across every instance by a transaction-scoped
 * advisory lock, so each entry is chained to the true head; an event id is appended at most once.
 */
@Service
public class AuditLog {

    /** The advisory lock key that serialises appends ("nexus-au" in ASCII). */
    static final long APPEND_LOCK = 0x6e657875732d6175L;

    private static final String INSERT = "INSERT INTO audit_entries (" + EntryRows.COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbcTemplate.getDataSource());
        // Rows are streamed through a cursor in batches of this size instead of being loaded at once.
        this.streaming.setFetchSize(1000);
        this.clock = clock;
    }

    /** Appends the entries whose event ids are not in the log yet, in the given order; returns them as chained. */
    @Transactional
    public List<StoredEntry> append(List<NewEntry> entries) {
        jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS locked").param(APPEND_LOCK).query(Integer.class).single();
        Head head = head();
        Set<String> seen = known(entries);
        long appendedAt = Instant.now(clock).toEpochMilli();
        List<StoredEntry> chained = new ArrayList<>(entries.size());
        byte[] previous = head.hash();
        long position = head.length();
        for (NewEntry entry : entries) {
            if (seen.add(entry.eventId())) {
                Entry next = toEntry(++position, entry, appendedAt);
                previous = ChainHash.next(previous, next);
                chained.add(new StoredEntry(next, previous));
            }
        }
        insert(chained);
        return chained;
    }

    /** The current length of the chain and the hash of its last entry. */
    @Transactional(readOnly = true)
    public Head head() {
        return jdbc.sql("SELECT position, hash FROM audit_entries ORDER BY position DESC LIMIT 1")
            .query((rs, row) -> new Head(rs.getLong(1), rs.getBytes(2)))
            .optional()
            .orElse(new Head(0, ChainHash.GENESIS));
    }

    @Transactional(readOnly = true)
    public List<StoredEntry> find(EntryQuery query) {
        Filter filter = Filter.of(query);
        return jdbc.sql("SELECT " + EntryRows.COLUMNS + " FROM audit_entries" + filter.where()
                + " ORDER BY position LIMIT ? OFFSET ?")
            .params(filter.params()).param(query.size()).param((long) query.page() * query.size())
            .query(new EntryRows()).list();
    }

    /** The entry at the position and the hash it was chained to (null for the first), if the chain holds it. */
    @Transactional(readOnly = true)
    public Optional<LinkedEntry> at(long position) {
        List<StoredEntry> rows = jdbc.sql("SELECT " + EntryRows.COLUMNS + " FROM audit_entries"
                + " WHERE position BETWEEN ? AND ? ORDER BY position")
            .param(position - 1).param(position)
            .query(new EntryRows()).list();
        StoredEntry last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        if (last == null || last.entry().position() != position) {
            return Optional.empty();
        }
        return Optional.of(new LinkedEntry(last, rows.size() == 2 ? rows.get(0).hash() : null));
    }

    /** A person's entries, newest first: what the person's extract lists. */
    @Transactional(readOnly = true)
    public List<StoredEntry> ofSubjectNewestFirst(String subjectRef, int page, int size) {
        return jdbc.sql("SELECT " + EntryRows.COLUMNS + " FROM audit_entries WHERE subject_ref = ?"
                + " ORDER BY position DESC LIMIT ? OFFSET ?")
            .param(subjectRef).param(size).param((long) page * size)
            .query(new EntryRows()).list();
    }

    @Transactional(readOnly = true)
    public long count(EntryQuery query) {
        Filter filter = Filter.of(query);
        return jdbc.sql("SELECT count(*) FROM audit_entries" + filter.where()).params(filter.params())
            .query(Long.class).single();
    }

    /** Streams every entry in position order through a cursor; the caller's transaction gives the snapshot. */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    public void forEachInOrder(Consumer<StoredEntry> action) {
        EntryRows rows = new EntryRows();
        streaming.query("SELECT " + EntryRows.COLUMNS + " FROM audit_entries ORDER BY position",
            (RowCallbackHandler) rs -> action.accept(rows.mapRow(rs, 0)));
    }

    private Set<String> known(List<NewEntry> entries) {
        String[] ids = entries.stream().map(NewEntry::eventId).distinct().toArray(String[]::new);
        return new HashSet<>(jdbc.sql("SELECT event_id FROM audit_entries WHERE event_id = ANY(?)")
            .param(ids).query(String.class).list());
    }

    private static Entry toEntry(long position, NewEntry entry, long appendedAt) {
        // Sorted, so that the same set of agencies always gives the same canonical bytes.
        List<String> agencies = entry.agencies().stream().sorted().toList();
        Long occurredAt = entry.occurredAt() == null ? null : entry.occurredAt().toEpochMilli();
        return new Entry(position, entry.eventId(), entry.eventType(), entry.topic(), entry.partition(),
            entry.offset(), occurredAt, appendedAt, entry.producer(), entry.actingAgency(), entry.actingUserRef(),
            entry.referralId(), entry.subjectRef(), agencies, entry.details(), entry.signingKeyId(),
            entry.eventSignature());
    }

    private void insert(List<StoredEntry> chained) {
        streaming.batchUpdate(INSERT, chained, 500, (ps, stored) -> {
            Entry e = stored.entry();
            ps.setLong(1, e.position());
            ps.setString(2, e.eventId());
            ps.setString(3, e.eventType());
            ps.setString(4, e.topic());
            ps.setObject(5, e.partition());
            ps.setObject(6, e.offset());
            ps.setObject(7, time(e.occurredAt()));
            ps.setObject(8, time(e.appendedAt()));
            ps.setString(9, e.producer());
            ps.setString(10, e.actingAgency());
            ps.setString(11, e.actingUserRef());
            ps.setString(12, e.referralId());
            ps.setString(13, e.subjectRef());
            ps.setArray(14, ps.getConnection().createArrayOf("text", e.agencies().toArray()));
            ps.setString(15, e.details());
            ps.setBytes(16, stored.hash());
            ps.setString(17, e.signingKeyId());
            ps.setString(18, e.eventSignature());
        });
    }

    private static OffsetDateTime time(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
    }

    /** The length of the chain and the hash of its last entry (32 zero bytes when empty). */
    public record Head(long length, byte[] hash) {
    }

    /** A WHERE clause with bound parameters, never with the values in the SQL text. */
    private record Filter(String where, List<Object> params) {

        static Filter of(EntryQuery query) {
            List<String> conditions = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            add(conditions, params, "referral_id = ?", query.referralId());
            add(conditions, params, "subject_ref = ?", query.subjectRef());
            add(conditions, params, "agencies @> ARRAY[?]::text[]", query.agency());
            add(conditions, params, "event_type = ?", query.eventType());
            add(conditions, params, "occurred_at >= ?", time(query.from()));
            add(conditions, params, "occurred_at < ?", time(query.to()));
            return new Filter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
        }

        private static OffsetDateTime time(Instant instant) {
            return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
        }

        private static void add(List<String> conditions, List<Object> params, String condition, Object value) {
            if (value != null) {
                conditions.add(condition);
                params.add(value);
            }
        }
    }
}
