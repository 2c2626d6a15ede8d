package se.nexus.audit.offline;

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
import se.nexus.audit.chain.Hex;

/**
 * Writes the lines of exports in the documented format, with the real chain code, signed with a fresh key. The
 * writer of the service needs Spring, so these lines follow the README instead; the audit service's integration
 * test verifies a real export.
 */
final class ExportFiles {

    static final long SIGNED_AT = 1700000009000L;

    private final KeyPair key = generate();

    String publicKey() {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    /** An export of {@code length} entries with a checkpoint at each of {@code checkpointsAt}, then the key line. */
    List<String> lines(int length, long... checkpointsAt) {
        List<String> lines = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>(List.of(ChainHash.GENESIS));
        for (long position = 1; position <= length; position++) {
            Entry entry = entry(position);
            hashes.add(ChainHash.next(hashes.get(hashes.size() - 1), entry));
            lines.add(TestJson.write(entryLineFields(entry, hashes.get(hashes.size() - 1))));
        }
        for (int i = 0; i < checkpointsAt.length; i++) {
            long at = checkpointsAt[i];
            lines.add(TestJson.write(checkpointLine(i + 1, at, hashes.get((int) at))));
        }
        lines.add(keyLine(publicKey()));
        return lines;
    }

    /** An entry line carrying whatever values are given, with the hash of that entry after {@code previous}. */
    static String entryLine(Entry entry, byte[] previous) {
        return TestJson.write(entryLineFields(entry, ChainHash.next(previous, entry)));
    }

    static String keyLine(String publicKey) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "publicKey");
        line.put("algorithm", "Ed25519");
        line.put("publicKey", publicKey);
        line.put("trustedPublicKeys", List.of(publicKey));
        return TestJson.write(line);
    }

    /** A producer's signature as the export writes it (its bytes are not checked offline: no event to check it on). */
    static final String EVENT_SIGNATURE = Base64.getEncoder().encodeToString(new byte[64]).replace("AAAA", "AQID");

    /** Varied entries: absent values, an empty agency list, quotes and characters outside ASCII. */
    static Entry entry(long position) {
        if (position % 3 == 2) {
            return new Entry(position, "q-" + position, "AuditQueryPerformed", null, null, null, null,
                1700000001000L + position, "audit-service", "se.lansstyrelsen.uppsala", "auditor-1", null, null,
                List.of(), "{\"filters\":{\"referralId\":\"r-1\"},\"query\":\"search\"}");
        }
        if (position % 3 == 0) {
            return new Entry(position, "e-" + position, "se.nexus.events.consent.ConsentGranted", "nexus.consents",
                2, 7000000000L + position, 1700000000000L, 1700000002000L + position, "referral-service",
                "se.örebro.socialtjänst", "u-Åsa-\u2603-\uD83D\uDE00", "r-" + position, "p-1",
                List.of("se.polisen.region-mitt", "se.örebro.socialtjänst"), "line\nbreak\ttab \\ backslash");
        }
        // The first such entry from before events were signed, the later ones with their event's signature.
        return new Entry(position, "e-" + position, "se.nexus.events.referral.ReferralSubmitted", "nexus.referrals",
            0, position, 1700000000000L, 1700000000123L + position, "referral-service", "se.uppsala.nexus", "u-1",
            "r-" + position, "p-7f3a9c", List.of("se.polisen.region-mitt", "se.uppsala.nexus"), null,
            position == 1 ? null : "3f9a0c1d2e4b5a69", position == 1 ? null : EVENT_SIGNATURE);
    }

    private static Map<String, Object> entryLineFields(Entry e, byte[] hash) {
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
        line.put("hash", Hex.of(hash));
        return line;
    }

    private Map<String, Object> checkpointLine(long id, long length, byte[] head) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "checkpoint");
        line.put("id", id);
        line.put("length", length);
        line.put("headHash", Hex.of(head));
        line.put("signedAt", SIGNED_AT + id);
        line.put("algorithm", "Ed25519");
        line.put("signature", Base64.getEncoder().encodeToString(
            sign(EntryEncoding.checkpointStatement(length, head, SIGNED_AT + id))));
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
