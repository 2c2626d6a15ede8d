package se.nexus.audit.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.audit.chain.Entry;
import se.nexus.audit.chain.Hex;
import se.nexus.audit.chain.SignedCheckpoint;
import se.nexus.audit.checkpoint.Checkpoint;
import se.nexus.audit.checkpoint.Checkpoints;
import se.nexus.audit.log.AuditLog;
import se.nexus.audit.log.StoredEntry;
import se.nexus.audit.verify.ChainVerification;

/**
 * Writes the log as JSON Lines, one snapshot, streamed: every entry with its hash in position order, then the
 * checkpoints, then the public key. The field values are exactly those the canonical encoding covers.
 */
@Component
public class ExportWriter {

    /** The media type of JSON Lines. */
    public static final String MEDIA_TYPE = "application/jsonl";

    /**
     * The export's own mapper, not the application's: the format is a contract with outside verifiers, so that
     * settings such as leaving out null values must not change it.
     */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditLog auditLog;
    private final Checkpoints checkpoints;
    private final TransactionTemplate snapshot;

    ExportWriter(AuditLog auditLog, Checkpoints checkpoints, PlatformTransactionManager transactions) {
        this.auditLog = auditLog;
        this.checkpoints = checkpoints;
        this.snapshot = ChainVerification.snapshot(transactions);
    }

    public void writeTo(OutputStream out) {
        snapshot.executeWithoutResult(status -> {
            List<Checkpoint> signed = checkpoints.all();
            auditLog.forEachInOrder(stored -> line(out, entry(stored)));
            signed.forEach(checkpoint -> line(out, checkpoint(checkpoint)));
            line(out, publicKey());
        });
    }

    private static Map<String, Object> entry(StoredEntry stored) {
        Entry e = stored.entry();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "entry");
        line.put("position", e.position());
        line.put("eventId", e.eventId());
        line.put("eventType", e.eventType());
        line.put("topic", e.topic());
        line.put("partition", e.partition());
        line.put("offset", e.offset());
        line.put("occurredAt", e.occurredAt());
        line.put("appendedAt", e.appendedAt());
        line.put("producer", e.producer());
        line.put("actingAgency", e.actingAgency());
        line.put("actingUserRef", e.actingUserRef());
        line.put("referralId", e.referralId());
        line.put("subjectRef", e.subjectRef());
        line.put("agencies", e.agencies());
        line.put("details", e.details());
        line.put("signingKeyId", e.signingKeyId());
        line.put("eventSignature", e.eventSignature());
        line.put("hash", Hex.of(stored.hash()));
        return line;
    }

    private static Map<String, Object> checkpoint(Checkpoint checkpoint) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "checkpoint");
        line.put("id", checkpoint.id());
        line.put("length", checkpoint.length());
        line.put("headHash", checkpoint.headHash());
        line.put("signedAt", checkpoint.signedAtMillis());
        line.put("algorithm", SignedCheckpoint.ALGORITHM);
        line.put("signature", checkpoint.signature());
        line.put("publicKey", checkpoint.publicKey());
        return line;
    }

    private Map<String, Object> publicKey() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "publicKey");
        line.put("algorithm", SignedCheckpoint.ALGORITHM);
        line.put("publicKey", checkpoints.publicKey());
        line.put("trustedPublicKeys", checkpoints.trustedPublicKeys());
        return line;
    }

    private void line(OutputStream out, Map<String, Object> line) {
        try {
            out.write(JSON.writeValueAsString(line).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("The export was interrupted", e);
        }
    }
}
