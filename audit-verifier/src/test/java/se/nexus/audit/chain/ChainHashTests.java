package se.nexus.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ChainHashTests {

    private static final String CANONICAL_1 = "000000146e657875732e61756469742e656e7472792e7631000000013100000003652d31"
        + "0000002a73652e6e657875732e6576656e74732e726566657272616c2e526566657272616c5375626d6974746564"
        + "0000000f6e657875732e726566657272616c7300000001300000000234320000000d31373030303030303030303030"
        + "0000000d3137303030303030303031323300000010726566657272616c2d736572766963650000001073652e7570"
        + "7073616c612e6e6578757300000003752d3100000003722d3100000008702d37663361396300000002000000167365"
        + "2e706f6c6973656e2e726567696f6e2d6d6974740000001073652e75707073616c612e6e65787573ffffffff";

    @Test
    void canonicalBytesMatchAnIndependentImplementationOfTheDocumentedEncoding() {
        assertThat(Hex.of(EntryEncoding.canonical(EntryTestData.referralSubmitted()))).isEqualTo(CANONICAL_1);
    }

    @Test
    void chainHashesMatchAnIndependentImplementation() {
        byte[] first = ChainHash.next(ChainHash.GENESIS, EntryTestData.referralSubmitted());
        byte[] second = ChainHash.next(first, EntryTestData.auditQuery());
        assertThat(Hex.of(first)).isEqualTo(EntryTestData.HASH_1);
        assertThat(Hex.of(second)).isEqualTo(EntryTestData.HASH_2);
    }

    /** The documented version 2: the README's Python {@code C(e)} gave this hash for the entry with a signature. */
    @Test
    void anEntryWithItsEventsSignatureIsHashedInVersionTwoAndOneWithoutStaysInVersionOne() {
        Entry e = EntryTestData.referralSubmitted();
        Entry signed = new Entry(e.position(), e.eventId(), e.eventType(), e.topic(), e.partition(), e.offset(),
            e.occurredAt(), e.appendedAt(), e.producer(), e.actingAgency(), e.actingUserRef(), e.referralId(),
            e.subjectRef(), e.agencies(), e.details(), "3f9a0c1d2e4b5a69",
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==");

        assertThat(Hex.of(ChainHash.next(ChainHash.GENESIS, signed)))
            .isEqualTo("654ad26b573360a6b103ef9b340d144d180996943225725f2148454c748edc64");
        assertThat(new String(EntryEncoding.canonical(signed), 4, 20, java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(EntryEncoding.SIGNED_ENTRY_TAG);
        assertThat(Hex.of(ChainHash.next(ChainHash.GENESIS, e))).as("without one, as before").isEqualTo(EntryTestData.HASH_1);
    }

    @Test
    void anAbsentValueEncodesDifferentlyFromAnEmptyOne() {
        Entry absent = EntryTestData.auditQuery();
        Entry empty = new Entry(2, "q-1", "AuditQueryPerformed", "", null, null, 1700000001000L, 1700000001000L,
            "audit-service", "se.lansstyrelsen.uppsala", "auditor-1", null, null, List.of("se.lansstyrelsen.uppsala"),
            absent.details());
        assertThat(EntryEncoding.canonical(absent)).isNotEqualTo(EntryEncoding.canonical(empty));
    }

    @Test
    void movingTextBetweenFieldsChangesTheBytes() {
        Entry e = EntryTestData.referralSubmitted();
        Entry shifted = new Entry(e.position(), e.eventId() + "r", e.eventType(), e.topic(), e.partition(), e.offset(),
            e.occurredAt(), e.appendedAt(), e.producer(), e.actingAgency(), e.actingUserRef(), "-1", e.subjectRef(),
            e.agencies(), e.details());
        assertThat(EntryEncoding.canonical(shifted)).isNotEqualTo(EntryEncoding.canonical(e));
    }

    @Test
    void verifierAcceptsAnIntactChainAndRemembersCheckpointHashes() {
        ChainVerifier verifier = new ChainVerifier(Set.of(1L));
        assertThat(verifier.accept(EntryTestData.referralSubmitted(), Hex.parse(EntryTestData.HASH_1))).isTrue();
        assertThat(verifier.accept(EntryTestData.auditQuery(), Hex.parse(EntryTestData.HASH_2))).isTrue();
        assertThat(verifier.brokenLink()).isEmpty();
        assertThat(verifier.verifiedLength()).isEqualTo(2);
        assertThat(Hex.of(verifier.hashAt(1).orElseThrow())).isEqualTo(EntryTestData.HASH_1);
    }

    @Test
    void verifierReportsAHashMismatchAtTheAlteredEntry() {
        ChainVerifier verifier = new ChainVerifier(Set.of());
        verifier.accept(EntryTestData.referralSubmitted(), Hex.parse(EntryTestData.HASH_1));
        Entry q = EntryTestData.auditQuery();
        Entry altered = new Entry(2, q.eventId(), q.eventType(), q.topic(), q.partition(), q.offset(), q.occurredAt(),
            q.appendedAt(), q.producer(), q.actingAgency(), "auditor-2", q.referralId(), q.subjectRef(), q.agencies(),
            q.details());
        assertThat(verifier.accept(altered, Hex.parse(EntryTestData.HASH_2))).isFalse();
        assertThat(verifier.brokenLink()).contains(new ChainVerifier.BrokenLink(2, "hash mismatch"));
        assertThat(verifier.verifiedLength()).isEqualTo(1);
    }

    @Test
    void verifierReportsTheFirstMissingPositionAsAGap() {
        ChainVerifier verifier = new ChainVerifier(Set.of());
        assertThat(verifier.accept(EntryTestData.auditQuery(), Hex.parse(EntryTestData.HASH_2))).isFalse();
        assertThat(verifier.brokenLink()).contains(new ChainVerifier.BrokenLink(1, "gap in positions"));
    }
}
