package se.nexus.audit.offline;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import se.nexus.audit.chain.SignedCheckpoint;

/** Typed, strict access to the fields of one parsed export line. */
final class Fields {

    /** The DER header of an Ed25519 X.509 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes follow it. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final Pattern LOWER_HEX_32 = Pattern.compile("[0-9a-f]{64}");

    private final Map<?, ?> object;

    Fields(Map<?, ?> object) {
        this.object = object;
    }

    /** Refuses a line with a missing or an extra field: an unhashed extra field could mislead a reader. */
    Fields exactly(Set<String> names) {
        if (!object.keySet().equals(names)) {
            throw new IllegalArgumentException(object.get("kind") + " line must have exactly the fields "
                + names.stream().sorted().toList());
        }
        return this;
    }

    String text(String name) {
        if (object.get(name) instanceof String value) {
            return value;
        }
        throw wrong(name, "a string");
    }

    String optionalText(String name) {
        return object.get(name) == null ? null : text(name);
    }

    long integer(String name) {
        if (object.get(name) instanceof Long value) {
            return value;
        }
        throw wrong(name, "a 64-bit integer");
    }

    Long optionalInteger(String name) {
        return object.get(name) == null ? null : integer(name);
    }

    List<String> texts(String name) {
        if (object.get(name) instanceof List<?> values && values.stream().allMatch(String.class::isInstance)) {
            return values.stream().map(String.class::cast).toList();
        }
        throw wrong(name, "a list of strings");
    }

    /** A SHA-256 hash: exactly 64 lower-case hex digits, the only form the checkpoint statement signs. */
    byte[] hash(String name) {
        String value = text(name);
        if (!LOWER_HEX_32.matcher(value).matches()) {
            throw wrong(name, "64 lower-case hex digits");
        }
        return HexFormat.of().parseHex(value);
    }

    void algorithm() {
        if (!SignedCheckpoint.ALGORITHM.equals(object.get("algorithm"))) {
            throw wrong("algorithm", "\"" + SignedCheckpoint.ALGORITHM + "\"");
        }
    }

    /** A base64 Ed25519 signature or null, as the text it is hashed as. */
    String optionalSignature(String name) {
        if (object.get(name) == null) {
            return null;
        }
        signature(name);
        return text(name);
    }

    byte[] signature(String name) {
        byte[] signature = base64(text(name), name);
        if (signature.length != 64) {
            throw wrong(name, "64 bytes");
        }
        return signature;
    }

    /** The bytes of a base64 Ed25519 public key, X.509 SubjectPublicKeyInfo DER: the one form keys are compared in. */
    static byte[] keyBytes(String base64, String name) {
        byte[] key = base64(base64, name);
        if (key.length != 44 || !Arrays.equals(key, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0,
                ED25519_SPKI_PREFIX.length)) {
            throw wrong(name, "an Ed25519 X.509 SubjectPublicKeyInfo");
        }
        return key;
    }

    /** Standard alphabet with padding, and nothing else: a key must have exactly one text form to compare by. */
    private static byte[] base64(String text, String name) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (Base64.getEncoder().encodeToString(bytes).equals(text)) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // Reported below, as every other malformed value.
        }
        throw wrong(name, "standard padded base64");
    }

    private static IllegalArgumentException wrong(String name, String expected) {
        return new IllegalArgumentException(name + " is not " + expected);
    }
}
