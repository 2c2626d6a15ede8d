package se.nexus.audit.offline;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The verifier's command line.
 *
 * @param export the export file, or null when only help was asked for
 * @param pinnedKeys the keys to trust instead of the one inside the export; empty when none were given
 * @param allowUnsigned whether an export without checkpoints may pass, reported as unsigned
 */
record Options(Path export, Set<String> pinnedKeys, boolean allowUnsigned) {

    static final String HELP = String.join(System.lineSeparator(),
        "usage: java -jar audit-verifier.jar <export.jsonl> [--public-key <base64>]... [--allow-unsigned]",
        "",
        "Verifies an audit-service export offline: the order of its lines, every entry's hash, and every",
        "checkpoint's Ed25519 signature and head hash.",
        "",
        "  --public-key KEY   trust only this key (base64 X.509 SubjectPublicKeyInfo, as the service shows it);",
        "                     repeat it to add keys from before a rotation. Without it, the key inside the",
        "                     export is trusted, which proves consistency but not origin.",
        "  --allow-unsigned   accept an export that has no checkpoint, reported as VALID BUT UNSIGNED",
        "  --help             print this text",
        "",
        "Exit status:",
        "  0  VALID (or VALID BUT UNSIGNED, only with --allow-unsigned)",
        "  1  INVALID: malformed, cut short, out of order, altered, or not signed by a trusted key",
        "  2  wrong usage, or the file cannot be read");

    /** Thrown for a command line that does not make sense. */
    static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static Options parse(List<String> args) {
        Path export = null;
        Set<String> pinned = new LinkedHashSet<>();
        boolean allowUnsigned = false;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--allow-unsigned")) {
                allowUnsigned = true;
            } else if (arg.equals("--public-key")) {
                pinned.add(pinnedKey(args, ++i));
            } else if (arg.startsWith("-") || export != null) {
                throw new UsageException("unexpected argument: " + arg);
            } else {
                export = Path.of(arg);
            }
        }
        if (export == null && !help) {
            throw new UsageException("no export file given");
        }
        return new Options(help ? null : export, pinned, allowUnsigned);
    }

    boolean helpOnly() {
        return export == null;
    }

    private static String pinnedKey(List<String> args, int index) {
        if (index >= args.size()) {
            throw new UsageException("--public-key needs a key");
        }
        try {
            Fields.keyBytes(args.get(index), "the pinned key");
            return args.get(index);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
