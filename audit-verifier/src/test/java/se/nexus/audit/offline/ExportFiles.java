package se.nexus.audit.offline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import se.nexus.audit.chain.ChainHash;
import se.nexus.audit.chain.Entry;
import se.nexus.audit.chain.EntryEncoding;
import se.nexus.audit.chain.EntryTestData;
import se.nexus.audit.chain.Hex;

/** Writes export files in the documented format, signed with a fresh key, for the offline verifier's tests. */
final class ExportFiles {

    final KeyPair key = generate();

    private ExportFiles() {
    }

    static ExportFiles withFreshKey() {
        return new ExportFiles();
    }

    String publicKey() {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    /** An export of {@code length} chained entries with a checkpoint at {@code checkpointAt}. */
    Path write(Path dir, int length, long checkpointAt) throws IOException {
        List<String> lines = new ArrayList<>();
        byte[] previous = ChainHash.GENESIS;
        byte[] atCheckpoint = ChainHash.GENESIS;
        for (long position = 1; position <= length; position++) {
            Entry entry = EntryTestData.numbered(position);
            previous = ChainHash.next(previous, entry);
            atCheckpoint = position == checkpointAt ? previous : atCheckpoint;
            lines.add(TestJson.write(entryLine(entry, previous)));
        }
        lines.add(TestJson.write(checkpointLine(checkpointAt, atCheckpoint)));
        lines.add(TestJson.write(Map.of("kind", "publicKey", "algorithm", "Ed25519", "publicKey", publicKey(),
            "trustedPublicKeys", List.of(publicKey()))));
        return Files.write(dir.resolve("export.jsonl"), lines);
    }

    private static Map<String, Object> entryLine(Entry e, byte[] hash) {
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
        line.put("hash", Hex.of(hash));
        return line;
    }

    private Map<String, Object> checkpointLine(long length, byte[] head) {
        long signedAt = 1700000009000L;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "checkpoint");
        line.put("id", 1);
        line.put("length", length);
        line.put("headHash", Hex.of(head));
        line.put("signedAt", signedAt);
        line.put("algorithm", "Ed25519");
        line.put("signature", Base64.getEncoder().encodeToString(sign(EntryEncoding.checkpointStatement(length, head, signedAt))));
        line.put("publicKey", publicKey());
        return line;
    }

    private byte[] sign(byte[] statement) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key.getPrivate());
            signer.update(statement);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
