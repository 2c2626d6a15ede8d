package se.nexus.audit.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import se.nexus.audit.chain.ChainVerifier;
import se.nexus.audit.chain.Entry;
import se.nexus.audit.chain.Hex;
import se.nexus.audit.chain.SignedCheckpoint;

/**
 * Verifies an audit export offline, with nothing but the JDK: recomputes the hash chain and checks every
 * checkpoint's Ed25519 signature and head hash. Exit status 0 when valid, 1 when not (naming the first bad
 * position), 2 when used wrongly.
 *
 * <pre>java -jar audit-verifier.jar export.jsonl [--public-key BASE64]</pre>
 */
public final class VerifyExport {

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private final PrintStream out;

    private VerifyExport(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the verifier and returns its exit status instead of exiting, for tests. */
    public static int run(String[] args, PrintStream out) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--public-key"))) {
            out.println("usage: VerifyExport <export.jsonl> [--public-key <base64 X.509 Ed25519 public key>]");
            return USAGE;
        }
        try {
            return new VerifyExport(out).verify(Path.of(args[0]), args.length == 3 ? args[2] : null);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            out.println("INVALID: the export is malformed (" + e.getMessage() + ")");
            return INVALID;
        } catch (UncheckedIOException e) {
            out.println("Cannot read " + args[0] + ": " + e.getCause().getMessage());
            return USAGE;
        }
    }

    private int verify(Path file, String pinnedKey) {
        List<Map<String, Object>> checkpoints = new ArrayList<>();
        Set<String> exportedKeys = new LinkedHashSet<>();
        forEachLine(file, line -> collect(line, checkpoints, exportedKeys));
        Set<String> trusted = trustedKeys(pinnedKey, exportedKeys);
        ChainVerifier chain = new ChainVerifier(
            checkpoints.stream().map(c -> (Long) c.get("length")).collect(Collectors.toSet()));
        forEachLine(file, line -> {
            if ("entry".equals(line.get("kind"))) {
                chain.accept(entry(line), Hex.parse((String) line.get("hash")));
            }
        });
        return report(chain, checkpoints, trusted);
    }

    private Set<String> trustedKeys(String pinnedKey, Set<String> exportedKeys) {
        if (pinnedKey != null) {
            return Set.of(pinnedKey);
        }
        out.println("Note: trusting the public key inside the export; pass --public-key to pin the one you trust.");
        return exportedKeys;
    }

    private static void collect(Map<String, Object> line, List<Map<String, Object>> checkpoints, Set<String> keys) {
        if ("checkpoint".equals(line.get("kind"))) {
            checkpoints.add(line);
        } else if ("publicKey".equals(line.get("kind"))) {
            keys.add((String) line.get("publicKey"));
            if (line.get("trustedPublicKeys") instanceof List<?> more) {
                more.forEach(key -> keys.add((String) key));
            }
        }
    }

    private int report(ChainVerifier chain, List<Map<String, Object>> checkpoints, Set<String> trusted) {
        Optional<ChainVerifier.BrokenLink> broken = chain.brokenLink();
        if (broken.isPresent()) {
            out.println("INVALID: first broken link at position " + broken.get().position() + ": " + broken.get().reason());
            return INVALID;
        }
        for (Map<String, Object> line : checkpoints) {
            Optional<String> problem = checkpoint(line).problemAgainst(chain, trusted);
            if (problem.isPresent()) {
                out.println("INVALID: checkpoint " + line.get("id") + " at length " + line.get("length") + ": " + problem.get());
                return INVALID;
            }
        }
        out.println("VALID: " + chain.verifiedLength() + " entries, head hash " + Hex.of(chain.verifiedHead()) + ", "
            + checkpoints.size() + " signed checkpoints verified");
        return VALID;
    }

    static Entry entry(Map<String, Object> line) {
        List<String> agencies = ((List<?>) line.get("agencies")).stream().map(String.class::cast).toList();
        Long partition = (Long) line.get("partition");
        return new Entry((Long) line.get("position"), (String) line.get("eventId"), (String) line.get("eventType"),
            (String) line.get("topic"), partition == null ? null : Math.toIntExact(partition), (Long) line.get("offset"),
            (Long) line.get("occurredAt"), (Long) line.get("appendedAt"), (String) line.get("producer"),
            (String) line.get("actingAgency"), (String) line.get("actingUserRef"), (String) line.get("referralId"),
            (String) line.get("subjectRef"), agencies, (String) line.get("details"));
    }

    private static SignedCheckpoint checkpoint(Map<String, Object> line) {
        return new SignedCheckpoint((Long) line.get("length"), Hex.parse((String) line.get("headHash")),
            (Long) line.get("signedAt"), Base64.getDecoder().decode((String) line.get("signature")),
            Base64.getDecoder().decode((String) line.get("publicKey")));
    }

    @SuppressWarnings("unchecked")
    private static void forEachLine(Path file, Consumer<Map<String, Object>> action) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    action.accept((Map<String, Object>) Json.parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
