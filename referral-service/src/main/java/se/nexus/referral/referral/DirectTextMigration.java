package se.nexus.referral.referral;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.referral.protection.DirectTexts;
import se.nexus.referral.protection.EncryptedText;
import se.nexus.referral.protection.KeyRotation;
import se.nexus.referral.protection.TextCipher;

/**
 * Moves summaries and decline comments stored before data keys existed, sealed directly under a master key, under
 * their subject's data key: the key rotation runs it (docs/architecture.md section 6), so that afterwards
 * erasing a subject erases all of its text and no text needs an old master key.
 */
@Component
class DirectTextMigration implements DirectTexts {

    private final Referrals referrals;
    private final TextCipher cipher;
    private final KeyRotation rotation;

    DirectTextMigration(Referrals referrals, TextCipher cipher, KeyRotation rotation) {
        this.referrals = referrals;
        this.cipher = cipher;
        this.rotation = rotation;
    }

    @Override
    @Transactional
    public int resealBatch(int limit) {
        Set<String> masterKeyIds = rotation.masterKeyIds();
        List<Referral> due = referrals.lockDirectTexts(masterKeyIds, limit);
        for (Referral referral : due) {
            EncryptedText comment = referral.decline() == null ? null : referral.decline().comment();
            referrals.updateTexts(referral.id(), reseal(referral, referral.summary(), masterKeyIds),
                reseal(referral, comment, masterKeyIds));
        }
        return due.size();
    }

    private EncryptedText reseal(Referral referral, EncryptedText text, Set<String> masterKeyIds) {
        if (text == null || !masterKeyIds.contains(text.keyId())) {
            return text;
        }
        return cipher.seal(referral.subject().ref(), cipher.open(text, null));
    }
}
