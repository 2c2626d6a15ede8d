package se.nexus.referral.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The stored history entries of the referrals. */
@Repository
class HistoryEntries {

    private final JdbcClient jdbc;

    HistoryEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends an entry; only inside the transaction of the change it records, so both commit or neither does. */
    @Transactional(propagation = Propagation.MANDATORY)
    void append(UUID referralId, HistoryEntry entry) {
        jdbc.sql("""
                INSERT INTO referral_history (referral_id, type, occurred_at, agency, handover_id, to_agency, reason)
                VALUES (:referralId, :type, :occurredAt, :agency, :handoverId, :toAgency, :reason)""")
            .param("referralId", referralId)
            .param("type", entry.type().name())
            .param("occurredAt", Timestamp.from(entry.occurredAt()))
            .param("agency", entry.agency())
            .param("handoverId", entry.handoverId())
            .param("toAgency", entry.toAgency())
            .param("reason", entry.reason())
            .update();
    }

    /** Oldest first; entries of one instant keep the order they were written in. */
    List<HistoryEntry> of(UUID referralId) {
        return jdbc.sql("SELECT * FROM referral_history WHERE referral_id = ? ORDER BY occurred_at, id")
            .param(referralId).query(HistoryEntries::map).list();
    }

    private static HistoryEntry map(ResultSet row, int rowNumber) throws SQLException {
        return new HistoryEntry(HistoryEntry.Type.valueOf(row.getString("type")),
            row.getTimestamp("occurred_at").toInstant(), row.getString("agency"),
            row.getObject("handover_id", UUID.class), row.getString("to_agency"), row.getString("reason"));
    }
}
