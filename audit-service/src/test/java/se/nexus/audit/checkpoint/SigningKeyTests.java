package se.nexus.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import se.nexus.audit.chain.ChainHash;
import se.nexus.audit.chain.ChainVerifier;
import se.nexus.audit.chain.Entry;
import se.nexus.audit.chain.SignedCheckpoint;

class SigningKeyTests {

    private static final Entry FIRST = new Entry(1, "e-1", "se.nexus.events.referral.ReferralSubmitted",
        "nexus.referrals", 0, 42L, 1700000000000L, 1700000000123L, "referral-service", "se.uppsala.nexus", "u-1",
        "r-1", "p-7f3a9c", List.of("se.uppsala.nexus"), null);
    private static final byte[] HASH_1 = ChainHash.next(ChainHash.GENESIS, FIRST);
    private static final byte[] HASH_2 = ChainHash.next(HASH_1, FIRST);

    @Test
    void aKeyReadFromPkcs8HasTheSamePublicKeyAsTheGeneratedPair() {
        SigningKey generated = SigningKey.generate();
        SigningKey read = SigningKey.fromPkcs8(generated.privateKeyBase64());
        assertThat(read.publicKeyBase64()).isEqualTo(generated.publicKeyBase64());
    }

    @Test
    void aSignedCheckpointHoldsAgainstTheChainItSigned() {
        SigningKey key = SigningKey.generate();
        SignedCheckpoint checkpoint = signed(key, 1, HASH_1);
        assertThat(checkpoint.problemAgainst(chainOfOne(), List.of(key.publicKeyBase64()))).isEmpty();
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsNotTrusted() {
        SignedCheckpoint checkpoint = signed(SigningKey.generate(), 1, HASH_1);
        assertThat(checkpoint.problemAgainst(chainOfOne(), List.of(SigningKey.generate().publicKeyBase64())))
            .contains("signed with an untrusted key");
    }

    @Test
    void aCheckpointBeyondTheChainRevealsTruncation() {
        SigningKey key = SigningKey.generate();
        SignedCheckpoint checkpoint = signed(key, 2, HASH_2);
        assertThat(checkpoint.problemAgainst(chainOfOne(), List.of(key.publicKeyBase64())))
            .contains("covers entries missing from the log");
    }

    @Test
    void anAlteredStatementFailsItsSignature() {
        SigningKey key = SigningKey.generate();
        SignedCheckpoint good = signed(key, 1, HASH_1);
        SignedCheckpoint moved = new SignedCheckpoint(1, good.headHash(), good.signedAt() + 1, good.signature(),
            good.publicKey());
        assertThat(moved.problemAgainst(chainOfOne(), List.of(key.publicKeyBase64()))).contains("bad signature");
    }

    @Test
    void aMalformedKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> SigningKey.fromPkcs8("bm90LWEta2V5"))
            .isInstanceOf(IllegalStateException.class)
            .message().doesNotContain("bm90LWEta2V5");
    }

    private static SignedCheckpoint signed(SigningKey key, long length, byte[] head) {
        byte[] statement = new SignedCheckpoint(length, head, 1700000005000L, new byte[0], key.publicKey()).statement();
        return new SignedCheckpoint(length, head, 1700000005000L, key.sign(statement), key.publicKey());
    }

    private static ChainVerifier chainOfOne() {
        ChainVerifier chain = new ChainVerifier(Set.of(1L, 2L));
        chain.accept(FIRST, HASH_1);
        return chain;
    }
}
