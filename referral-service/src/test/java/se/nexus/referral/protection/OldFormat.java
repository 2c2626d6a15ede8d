package se.nexus.referral.protection;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes text as the service stored it before data keys existed: sealed directly under a master key. */
public final class OldFormat {

    /** The development key the service configures as {@code key-1}. */
    public static final String KEY_1 = "bmV4dXMtbG9jYWwtZGV2ZWxvcG1lbnQta2V5LTMyYnk=";

    private OldFormat() {
    }

    /** Replaces a referral's stored summary by the text sealed directly under master key {@code key-1}. */
    public static void storeSummary(JdbcClient jdbc, UUID referralId, String text) {
        EncryptedText sealed = keyOne().seal(text);
        jdbc.sql("UPDATE referrals SET summary_key_id = ?, summary_ciphertext = ? WHERE id = ?")
            .param(sealed.keyId()).param(sealed.ciphertext()).param(referralId).update();
    }

    static MasterKeys keyOne() {
        return new MasterKeys(new ProtectionProperties("key-1", Map.of("key-1", KEY_1),
            new ProtectionProperties.Rotation(false, null, 1)));
    }
}
