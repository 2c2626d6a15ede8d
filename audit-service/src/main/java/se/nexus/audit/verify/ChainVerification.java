package se.nexus.audit.verify;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import se.nexus.audit.chain.ChainHash;
import se.nexus.audit.chain.ChainVerifier;
import se.nexus.audit.chain.Hex;
import se.nexus.audit.checkpoint.Checkpoint;
import se.nexus.audit.checkpoint.Checkpoints;
import se.nexus.audit.log.AuditLog;
import se.nexus.audit.verify.Verification.CheckpointReport;
import se.nexus.audit.verify.Verification.InvalidCheckpoint;

/** Recomputes the whole chain from the database, streaming, on one consistent snapshot while ingest goes on. */
@Service
public class ChainVerification {

    private final AuditLog auditLog;
    private final Checkpoints checkpoints;
    private final TransactionTemplate snapshot;

    ChainVerification(AuditLog auditLog, Checkpoints checkpoints, PlatformTransactionManager transactions) {
        this.auditLog = auditLog;
        this.checkpoints = checkpoints;
        this.snapshot = snapshot(transactions);
    }

    /** A read-only repeatable-read transaction: every query in it sees the same committed state. */
    public static TransactionTemplate snapshot(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        template.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        return template;
    }

    public Verification verify() {
        return snapshot.execute(status -> verifyInSnapshot());
    }

    private Verification verifyInSnapshot() {
        List<Checkpoint> signed = checkpoints.all();
        ChainVerifier chain = new ChainVerifier(signed.stream().map(Checkpoint::length).collect(Collectors.toSet()));
        long[] length = {0};
        byte[][] head = {ChainHash.GENESIS};
        auditLog.forEachInOrder(stored -> {
            length[0]++;
            head[0] = stored.hash();
            chain.accept(stored.entry(), stored.hash());
        });
        CheckpointReport report = checkpointReport(signed, chain);
        var broken = chain.brokenLink();
        return new Verification(broken.isEmpty() && report.valid(), length[0], Hex.of(head[0]), chain.verifiedLength(),
            broken.map(ChainVerifier.BrokenLink::position).orElse(null),
            broken.map(ChainVerifier.BrokenLink::reason).orElse(null), report);
    }

    private CheckpointReport checkpointReport(List<Checkpoint> signed, ChainVerifier chain) {
        List<String> trusted = checkpoints.trustedPublicKeys();
        Optional<InvalidCheckpoint> firstInvalid = signed.stream()
            .flatMap(checkpoint -> checkpoint.signed().problemAgainst(chain, trusted)
                .map(reason -> new InvalidCheckpoint(checkpoint.id(), checkpoint.length(), reason)).stream())
            .findFirst();
        return new CheckpointReport(signed.size(), firstInvalid.isEmpty(), firstInvalid.orElse(null));
    }
}
