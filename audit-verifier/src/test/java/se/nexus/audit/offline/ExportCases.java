package se.nexus.audit.offline;

import static se.nexus.audit.offline.VerifyExport.INVALID;
import static se.nexus.audit.offline.VerifyExport.USAGE;
import static se.nexus.audit.offline.VerifyExport.VALID;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

import se.nexus.audit.chain.ChainHash;
import se.nexus.audit.chain.Entry;

/** Every export the verifiers are tried on: an intact one, and each way of cutting, reordering or doctoring it. */
final class ExportCases {

    private static final ExportFiles SIGNER = new ExportFiles();
    private static final ExportFiles STRANGER = new ExportFiles();
    private static final List<String> PINNED = List.of("--public-key", SIGNER.publicKey());

    private ExportCases() {
    }

    /** Five entries, checkpoints at lengths 3 and 5, the key line. */
    static List<String> intact() {
        return SIGNER.lines(5, 3, 5);
    }

    static List<ExportCase> all() {
        List<ExportCase> cases = new ArrayList<>();
        cases.addAll(valid());
        cases.addAll(cutShort());
        cases.addAll(outOfOrder());
        cases.addAll(doctored());
        cases.addAll(keys());
        cases.addAll(malformed());
        return cases;
    }

    private static List<ExportCase> valid() {
        return List.of(
            of("intact, pinned key", intact(), PINNED, VALID, "VALID: 5 entries"),
            of("intact, key taken from the export", intact(), List.of(), VALID, "key taken from the export"),
            of("intact, unsigned tail", SIGNER.lines(5, 3), PINNED, VALID, "entries 4..5 are chained after it but not signed"),
            of("entry appended before the checkpoints, hash recomputed", insert(intact(), 5, forgedSixth()), PINNED,
                VALID, "entries 6..6 are chained after it but not signed"),
            of("no checkpoint, --allow-unsigned", SIGNER.lines(5), with(PINNED, "--allow-unsigned"), VALID,
                "VALID BUT UNSIGNED: 5 entries"));
    }

    private static List<ExportCase> cutShort() {
        List<String> intact = intact();
        return List.of(
            of("truncated before the checkpoints", intact.subList(0, 5), PINNED, INVALID, "no public key line"),
            of("truncated before the checkpoints, --allow-unsigned", intact.subList(0, 5),
                with(PINNED, "--allow-unsigned"), INVALID, "no public key line"),
            of("truncated before the key line", intact.subList(0, 7), PINNED, INVALID, "no public key line"),
            of("truncated inside the key line", edit(intact, 7, line -> line.substring(0, 30)), PINNED, INVALID,
                "line 8 is malformed"),
            new ExportCase("truncated inside the last line, no newline", text(intact).substring(0,
                text(intact).length() - 20).getBytes(StandardCharsets.UTF_8), PINNED, INVALID, "line 8 is malformed"),
            of("empty file", List.of(), PINNED, INVALID, "no public key line"),
            of("last entry removed, checkpoint beyond the entries", remove(intact, 4), PINNED, INVALID,
                "checkpoint 2 at length 5: covers entries missing from the log"),
            of("no checkpoint, pinned key", SIGNER.lines(5), PINNED, INVALID, "no signed checkpoint"),
            of("no checkpoint, key taken from the export", SIGNER.lines(5), List.of(), INVALID, "no signed checkpoint"));
    }

    private static List<ExportCase> outOfOrder() {
        List<String> intact = intact();
        return List.of(
            of("forged entry appended after the key line", with(intact, forgedSixth()), PINNED, INVALID,
                "line 9 comes after the public key line"),
            of("empty line after the key line", with(intact, ""), PINNED, INVALID, "line 9 comes after the public key"),
            of("second key line", with(intact, ExportFiles.keyLine(STRANGER.publicKey())), PINNED, INVALID,
                "line 9 comes after the public key line"),
            of("checkpoint moved before the entries", insert(remove(intact, 5), 0, intact.get(5)), PINNED, INVALID,
                "line 2 is an entry after a checkpoint"),
            of("key line moved first", insert(remove(intact, 7), 0, intact.get(7)), PINNED, INVALID,
                "line 2 comes after the public key line"),
            of("two entries swapped", insert(remove(intact, 1), 2, intact.get(1)), PINNED, INVALID,
                "first broken link at position 2"),
            of("entry removed", remove(intact, 1), PINNED, INVALID, "position 2: gap in positions"));
    }

    private static List<ExportCase> doctored() {
        List<String> intact = intact();
        return List.of(
            of("entry changed", edit(intact, 2, line -> line.replace("\"r-3\"", "\"r-8\"")), PINNED, INVALID,
                "first broken link at position 3: hash mismatch"),
            of("entry changed, hashes recomputed", rechained(intact), PINNED, INVALID,
                "checkpoint 2 at length 5: head hash differs from the chain"),
            of("event signature of an entry changed", edit(intact, 3, line -> line.replace(
                "\"eventSignature\":\"AQID", "\"eventSignature\":\"AQIE")), PINNED, INVALID,
                "first broken link at position 4: hash mismatch"),
            of("event signature of an entry removed", edit(intact, 3, line -> line.replaceFirst(
                "\"signingKeyId\":\"[0-9a-f]+\",\"eventSignature\":\"[^\"]+\"",
                "\"signingKeyId\":null,\"eventSignature\":null")), PINNED, INVALID,
                "first broken link at position 4: hash mismatch"),
            of("checkpoint signature changed", edit(intact, 5, ExportCases::flipSignature), PINNED, INVALID,
                "checkpoint 1 at length 3: bad signature"),
            of("checkpoint signedAt changed", edit(intact, 6, line -> line.replace("\"signedAt\":17", "\"signedAt\":27")),
                PINNED, INVALID, "checkpoint 2 at length 5: bad signature"),
            of("checkpoint length changed", edit(intact, 5, line -> line.replace("\"length\":3", "\"length\":4")),
                PINNED, INVALID, "checkpoint 1 at length 4: bad signature"));
    }

    private static List<ExportCase> keys() {
        List<String> intact = intact();
        return List.of(
            of("wrong pinned key", intact, List.of("--public-key", STRANGER.publicKey()), INVALID, "not the pinned key"),
            of("re-signed with another key and its key line, pinned key", STRANGER.lines(5, 3, 5), PINNED, INVALID,
                "not the pinned key"),
            of("one checkpoint signed with another key", edit(intact, 5, line -> STRANGER.lines(5, 3, 5).get(5)),
                PINNED, INVALID, "checkpoint 1 at length 3: signed with an untrusted key"),
            of("one checkpoint signed with another key, key taken from the export",
                edit(intact, 5, line -> STRANGER.lines(5, 3, 5).get(5)), List.of(), INVALID,
                "signed with an untrusted key"),
            of("either of two pinned keys", intact, with(with(PINNED, "--public-key"), STRANGER.publicKey()), VALID,
                "VALID: 5 entries"),
            of("pinned key is not a key", intact, List.of("--public-key", "bm90LWEta2V5"), USAGE, "not an Ed25519"),
            new ExportCase("file does not exist", null, PINNED, USAGE, "Cannot read"));
    }

    private static List<ExportCase> malformed() {
        List<String> intact = intact();
        return List.of(
            of("extra field in an entry", edit(intact, 0, line -> line.replace("{\"kind\":\"entry\",",
                "{\"kind\":\"entry\",\"approved\":true,")), PINNED, INVALID, "exactly the fields"),
            of("absent value left out instead of null", edit(intact, 0, line -> line.replace(",\"details\":null", "")),
                PINNED, INVALID, "exactly the fields"),
            of("entry from before events were signed, without their fields", edit(intact, 0, line -> line.replace(
                ",\"signingKeyId\":null,\"eventSignature\":null", "")), PINNED, VALID, "VALID: 5 entries"),
            of("one of the two signature fields left out", edit(intact, 0, line -> line.replace(
                ",\"signingKeyId\":null", "")), PINNED, INVALID, "exactly the fields"),
            of("event signature not 64 bytes", edit(intact, 3, line -> line.replaceFirst(
                "\"eventSignature\":\"[^\"]+\"", "\"eventSignature\":\"AQ==\"")), PINNED, INVALID,
                "eventSignature"),
            of("duplicate key", edit(intact, 0, line -> line.replace("\"position\":1,", "\"position\":1,\"position\":1,")),
                PINNED, INVALID, "duplicate key"),
            of("upper-case hash", edit(intact, 0, line -> upperCaseHash(line)), PINNED, INVALID,
                "64 lower-case hex digits"),
            of("agencies null", edit(intact, 0, line -> line.replaceFirst("\"agencies\":\\[[^]]*]", "\"agencies\":null")),
                PINNED, INVALID, "agencies is not a list of strings"),
            of("position as a decimal", edit(intact, 0, line -> line.replace("\"position\":1,", "\"position\":1.0,")),
                PINNED, INVALID, "position is not a 64-bit integer"),
            of("position with a leading zero", edit(intact, 0, line -> line.replace("\"position\":1,", "\"position\":01,")),
                PINNED, INVALID, "bad number"),
            of("unknown kind", insert(intact, 5, "{\"kind\":\"note\",\"text\":\"approved\"}"), PINNED, INVALID,
                "unknown kind"),
            of("blank line between entries", insert(intact, 1, " "), PINNED, INVALID, "line 2 is malformed"),
            of("key without base64 padding", edit(intact, 7, line -> line.replace("=\",", "\",")), PINNED, INVALID,
                "standard padded base64"),
            new ExportCase("byte that is not UTF-8", withByte(text(intact), (byte) 0xff), PINNED, INVALID, "not UTF-8"));
    }

    private static ExportCase of(String name, List<String> lines, List<String> options, int exit, String printed) {
        return new ExportCase(name, text(lines).getBytes(StandardCharsets.UTF_8), options, exit, printed);
    }

    private static String text(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** A sixth entry whose hash is right after the intact fifth, as a forger holding the export would write it. */
    private static String forgedSixth() {
        return ExportFiles.entryLine(ExportFiles.entry(6), headAfter(5));
    }

    /** The fifth entry changed and its hash recomputed, so that only the checkpoint at length 5 can tell. */
    private static List<String> rechained(List<String> intact) {
        Entry e = ExportFiles.entry(5);
        Entry changed = new Entry(5, e.eventId(), e.eventType(), e.topic(), e.partition(), e.offset(), e.occurredAt(),
            e.appendedAt(), e.producer(), e.actingAgency(), "u-someone-else", e.referralId(), e.subjectRef(),
            e.agencies(), e.details());
        return edit(intact, 4, line -> ExportFiles.entryLine(changed, headAfter(4)));
    }

    private static byte[] headAfter(long length) {
        byte[] head = ChainHash.GENESIS;
        for (long position = 1; position <= length; position++) {
            head = ChainHash.next(head, ExportFiles.entry(position));
        }
        return head;
    }

    private static String flipSignature(String line) {
        String signature = line.replaceFirst(".*\"signature\":\"([^\"]+)\".*", "$1");
        byte[] bytes = Base64.getDecoder().decode(signature);
        bytes[10] ^= 1;
        return line.replace(signature, Base64.getEncoder().encodeToString(bytes));
    }

    private static String upperCaseHash(String line) {
        String hash = line.replaceFirst(".*\"hash\":\"([0-9a-f]+)\".*", "$1");
        return line.replace(hash, hash.toUpperCase());
    }

    private static byte[] withByte(String text, byte extra) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int at = text.indexOf("u-1");
        bytes[at] = extra;
        return bytes;
    }

    private static List<String> edit(List<String> lines, int index, UnaryOperator<String> change) {
        List<String> edited = new ArrayList<>(lines);
        edited.set(index, change.apply(lines.get(index)));
        return edited;
    }

    private static List<String> insert(List<String> lines, int index, String line) {
        List<String> inserted = new ArrayList<>(lines);
        inserted.add(index, line);
        return inserted;
    }

    private static List<String> remove(List<String> lines, int index) {
        List<String> removed = new ArrayList<>(lines);
        removed.remove(index);
        return removed;
    }

    private static <T> List<T> with(List<T> list, T extra) {
        List<T> more = new ArrayList<>(list);
        more.add(extra);
        return more;
    }
}
