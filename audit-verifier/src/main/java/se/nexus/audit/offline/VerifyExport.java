package se.nexus.audit.offline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * Verifies an audit export offline with nothing but a JDK, and fails closed (see {@link Options#HELP}).
 * Exit status 0 valid, 1 invalid, 2 wrong usage or unreadable file.
 *
 * <pre>java -jar audit-verifier.jar export.jsonl --public-key BASE64 [--allow-unsigned]</pre>
 */
public final class VerifyExport {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    private VerifyExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the verifier and returns its exit status instead of exiting, for tests. */
    public static int run(String[] args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(Arrays.asList(args));
        } catch (Options.UsageException e) {
            out.println(e.getMessage());
            out.println(Options.HELP);
            return USAGE;
        }
        if (options.helpOnly()) {
            out.println(Options.HELP);
            return VALID;
        }
        return verify(options, out);
    }

    private static int verify(Options options, PrintStream out) {
        try {
            ExportVerification.Outcome outcome = new ExportVerification(options.pinnedKeys(), options.allowUnsigned(),
                out::println).verify(options.export());
            out.println(outcome.message());
            return outcome.valid() ? VALID : INVALID;
        } catch (CharacterCodingException e) {
            out.println("INVALID: the export is not UTF-8 text");
            return INVALID;
        } catch (IOException e) {
            out.println("Cannot read " + options.export() + ": " + e);
            return USAGE;
        }
    }
}
