package se.nexus.console.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The services' answers as the console reads them: only the fields it shows, anything else is ignored. */
public final class Views {

	private Views() {
	}

	/** A page of items, as every list endpoint returns it. */
	public record Page<T>(List<T> items, int page, int size, long total) {

		public int pages() {
			return size == 0 ? 0 : (int) ((total + size - 1) / size);
		}

		public boolean hasNext() {
			return page + 1 < pages();
		}
	}

	public record Subject(String ref, boolean protectedIdentity) {
	}

	public record LegalBasis(String type, UUID consentId, String provisionCode) {
	}

	public record Referral(UUID id, String status, String fromAgency, String toAgency, String ownerAgency,
			Subject subject, String urgency, List<String> concerns, LegalBasis legalBasis, String purpose,
			String summary, String declineReason, String declineComment, Instant createdAt, Instant updatedAt) {
	}

	public record Consent(UUID id, String subjectRef, String recordedBy, List<String> grantedTo, String purpose,
			List<String> dataCategories, LocalDate validFrom, LocalDate validUntil, String obtained, String status,
			Instant createdAt, Instant endedAt) {
	}

	public record Handover(UUID id, UUID referralId, String fromAgency, String toAgency, String reason, String status,
			String declineReason, Instant createdAt, Instant decidedAt) {
	}

	/** One thing that happened to a referral, without free text. */
	public record HistoryEntry(String type, Instant occurredAt, String agency, UUID handoverId, String toAgency,
			String reason) {
	}

	public record Notification(UUID id, long seq, String agency, UUID referralId, String subjectRef, String eventType,
			String urgency, Instant createdAt, Instant deadline, Instant acknowledgedAt, Instant escalatedAt,
			UUID escalationOf, String overdueAgency) {

		public boolean escalation() {
			return escalationOf != null;
		}

		public boolean acknowledged() {
			return acknowledgedAt != null;
		}
	}

	/** One entry of the audit log as the audit service shows it; {@code details} holds codes only. */
	public record AuditEntry(long position, String eventId, String eventType, Instant occurredAt, Instant appendedAt,
			String producer, String actingAgency, String actingUserRef, String referralId, String subjectRef,
			List<String> agencies, String details, String hash) {

		/** The event type without its namespace, as people read it: ReferralSubmitted. */
		public String shortType() {
			return eventType.substring(eventType.lastIndexOf('.') + 1);
		}
	}

	/** An entry and the hash of the one before, which its own hash was chained to (null for the first). */
	public record ChainedEntry(AuditEntry entry, String previousHash) {
	}

	/** The outcome of recomputing the whole chain and checking each checkpoint against it. */
	public record Verification(boolean valid, long length, String headHash, long verifiedLength,
			Long firstBrokenPosition, String reason, CheckpointReport checkpoints) {
	}

	/** How many checkpoints there are, whether all hold, and the first that does not. */
	public record CheckpointReport(int count, boolean valid, InvalidCheckpoint firstInvalid) {
	}

	public record InvalidCheckpoint(long id, long length, String reason) {
	}

	/** A signed chain head; signature and public key in base64. */
	public record Checkpoint(long id, long length, String headHash, Instant signedAt, String signature,
			String publicKey) {
	}

	/** The checkpoints, oldest first, and the key that signs new ones. */
	public record Checkpoints(List<Checkpoint> items, String publicKey) {
	}
}
