package se.nexus.audit.offline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import se.nexus.audit.chain.ChainVerifier;
import se.nexus.audit.chain.Hex;
import se.nexus.audit.offline.ExportLine.CheckpointLine;
import se.nexus.audit.offline.ExportLine.EntryLine;
import se.nexus.audit.offline.ExportLine.KeyLine;

/**
 * Verifies an export and fails closed: the lines must come in the documented order and end with the key line,
 * every hash must hold, and at least one checkpoint must be signed by a trusted key, unless an unsigned export
 * was explicitly allowed. Reads the file twice, so that memory does not grow with the log: first the structure
 * and the checkpoints, then the chain, remembering only the hashes the checkpoints need.
 */
final class ExportVerification {

    private final Set<String> pinnedKeys;
    private final boolean allowUnsigned;
    private final Consumer<String> notes;

    /** What the verification concluded, as printed. */
    record Outcome(boolean valid, String message) {
    }

    ExportVerification(Set<String> pinnedKeys, boolean allowUnsigned, Consumer<String> notes) {
        this.pinnedKeys = Set.copyOf(pinnedKeys);
        this.allowUnsigned = allowUnsigned;
        this.notes = notes;
    }

    Outcome verify(Path file) throws IOException {
        try {
            Structure structure = new Structure();
            ExportFile.forEachLine(file, structure);
            KeyLine key = structure.key().orElseThrow(() -> new InvalidExport(
                "the export has no public key line at its end: it is cut short, or not a whole export"));
            Set<String> trusted = trustedKeys(key);
            ChainVerifier chain = chain(file, structure);
            checkpoints(structure.checkpoints, chain, trusted);
            return outcome(chain, structure.checkpoints);
        } catch (InvalidExport e) {
            return new Outcome(false, "INVALID: " + e.getMessage());
        }
    }

    private Set<String> trustedKeys(KeyLine key) {
        if (pinnedKeys.isEmpty()) {
            notes.accept("Note: trusting the public key inside the export; "
                + "pass --public-key to pin the one you trust.");
            Set<String> trusted = new LinkedHashSet<>(key.trustedPublicKeys());
            trusted.add(key.publicKey());
            return trusted;
        }
        if (!pinnedKeys.contains(key.publicKey())) {
            throw new InvalidExport("the export's public key line names " + key.publicKey() + ", not the pinned key");
        }
        return pinnedKeys;
    }

    private static ChainVerifier chain(Path file, Structure structure) throws IOException {
        ChainVerifier chain = new ChainVerifier(
            structure.checkpoints.stream().map(c -> c.checkpoint().length()).collect(Collectors.toSet()));
        ExportFile.forEachLine(file, (number, text) -> {
            if (number <= structure.entries && parse(number, text) instanceof EntryLine line) {
                chain.accept(line.entry(), line.hash());
            }
        });
        chain.brokenLink().ifPresent(broken -> {
            throw new InvalidExport("first broken link at position " + broken.position() + ": " + broken.reason());
        });
        if (chain.verifiedLength() != structure.entries) {
            throw new InvalidExport("the file changed while it was being verified");
        }
        return chain;
    }

    private static void checkpoints(List<CheckpointLine> checkpoints, ChainVerifier chain, Set<String> trusted) {
        for (CheckpointLine line : checkpoints) {
            Optional<String> problem = line.checkpoint().problemAgainst(chain, trusted);
            if (problem.isPresent()) {
                throw new InvalidExport("checkpoint " + line.id() + " at length " + line.checkpoint().length() + ": "
                    + problem.get());
            }
        }
    }

    private Outcome outcome(ChainVerifier chain, List<CheckpointLine> checkpoints) {
        long length = chain.verifiedLength();
        String chained = length + " entries, head hash " + Hex.of(chain.verifiedHead());
        if (checkpoints.isEmpty() && !allowUnsigned) {
            throw new InvalidExport("the export has no signed checkpoint, so nothing shows who wrote it or that it is "
                + "whole (" + chained + "; --allow-unsigned accepts it as unsigned)");
        }
        if (checkpoints.isEmpty()) {
            return new Outcome(true, "VALID BUT UNSIGNED: " + chained + "; no checkpoint signs it, so it proves "
                + "neither who wrote it nor that it is whole");
        }
        long signed = checkpoints.stream().mapToLong(c -> c.checkpoint().length()).max().orElseThrow();
        String unsigned = signed == length ? ""
            : "; entries " + (signed + 1) + ".." + length + " are chained after it but not signed";
        return new Outcome(true, "VALID: " + chained + ", " + checkpoints.size() + " signed checkpoints verified ("
            + (pinnedKeys.isEmpty() ? "key taken from the export" : "pinned key") + "), the latest covers entries 1.."
            + signed + unsigned);
    }

    private static ExportLine parse(long number, String text) {
        try {
            return ExportLine.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidExport("line " + number + " is malformed: " + e.getMessage());
        }
    }

    /** The first pass: the order of the lines, the count of entries, the checkpoints and the key line. */
    private static final class Structure implements ExportFile.LineAction {

        private final List<CheckpointLine> checkpoints = new ArrayList<>();
        private long entries;
        private KeyLine key;

        @Override
        public void accept(long number, String text) {
            if (key != null) {
                throw new InvalidExport("line " + number + " comes after the public key line, which must be the last");
            }
            ExportLine line = parse(number, text);
            if (line instanceof EntryLine) {
                if (!checkpoints.isEmpty()) {
                    throw new InvalidExport("line " + number + " is an entry after a checkpoint; entries come first");
                }
                entries++;
            } else if (line instanceof CheckpointLine checkpoint) {
                checkpoints.add(checkpoint);
            } else {
                key = (KeyLine) line;
            }
        }

        Optional<KeyLine> key() {
            return Optional.ofNullable(key);
        }
    }
}
