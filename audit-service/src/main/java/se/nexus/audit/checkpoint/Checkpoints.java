package se.nexus.audit.checkpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.audit.chain.EntryEncoding;
import se.nexus.audit.chain.SignedCheckpoint;
import se.nexus.audit.log.AuditLog;

/** Signs the chain head and keeps the signed checkpoints, which an auditor can later hold the log against. */
@Service
public class Checkpoints {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final SigningKey key;
    private final CheckpointProperties properties;
    private final Clock clock;

    Checkpoints(JdbcClient jdbc, AuditLog auditLog, SigningKey key, CheckpointProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.key = key;
        this.properties = properties;
        this.clock = clock;
    }

    /** Signs the current head, whether or not it moved since the last checkpoint. */
    @Transactional
    public Checkpoint sign() {
        AuditLog.Head head = auditLog.head();
        long signedAt = Instant.now(clock).toEpochMilli();
        byte[] statement = EntryEncoding.checkpointStatement(head.length(), head.hash(), signedAt);
        SignedCheckpoint signed = new SignedCheckpoint(head.length(), head.hash(), signedAt, key.sign(statement),
            key.publicKey());
        long id = jdbc.sql("INSERT INTO audit_checkpoints (length, head_hash, signed_at, signature, public_key) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING id")
            .params(signed.length(), signed.headHash(), Instant.ofEpochMilli(signedAt).atOffset(ZoneOffset.UTC),
                signed.signature(), signed.publicKey())
            .query(Long.class).single();
        return Checkpoint.of(id, signed);
    }

    /** Signs the head only if it moved since the last checkpoint, so an idle log does not pile up checkpoints. */
    @Transactional
    public Optional<Checkpoint> signIfMoved() {
        long lastLength = jdbc.sql("SELECT coalesce(max(length), -1) FROM audit_checkpoints").query(Long.class).single();
        return auditLog.head().length() == lastLength ? Optional.empty() : Optional.of(sign());
    }

    /** All checkpoints, oldest first. */
    @Transactional(readOnly = true)
    public List<Checkpoint> all() {
        return jdbc.sql("SELECT id, length, head_hash, signed_at, signature, public_key FROM audit_checkpoints ORDER BY id")
            .query((rs, row) -> Checkpoint.of(rs.getLong("id"), new SignedCheckpoint(rs.getLong("length"),
                rs.getBytes("head_hash"), rs.getObject("signed_at", OffsetDateTime.class).toInstant().toEpochMilli(),
                rs.getBytes("signature"), rs.getBytes("public_key"))))
            .list();
    }

    /** The base64 public keys whose checkpoints count: the current one and those configured from before a rotation. */
    public List<String> trustedPublicKeys() {
        List<String> trusted = new ArrayList<>(properties.trustedPublicKeys());
        trusted.add(0, key.publicKeyBase64());
        return trusted;
    }

    public String publicKey() {
        return key.publicKeyBase64();
    }
}
