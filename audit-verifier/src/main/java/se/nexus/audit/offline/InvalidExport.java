package se.nexus.audit.offline;

/** Why an export is not to be trusted; thrown at the first thing found wrong. */
final class InvalidExport extends RuntimeException {

    InvalidExport(String reason) {
        super(reason, null, false, false);
    }
}
