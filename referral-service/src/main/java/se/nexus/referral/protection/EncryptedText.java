package se.nexus.referral.protection;

/** Free text as stored: AES-GCM ciphertext (nonce first) and the id of the key that sealed it. */
public record EncryptedText(String keyId, byte[] ciphertext) {
}
