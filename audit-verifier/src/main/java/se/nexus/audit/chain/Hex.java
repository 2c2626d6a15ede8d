package se.nexus.audit.chain;

import java.util.HexFormat;

/** Lower-case hexadecimal, the form in which hashes are shown and exported. */
public final class Hex {

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] parse(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
