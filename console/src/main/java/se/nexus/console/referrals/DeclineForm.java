package se.nexus.console.referrals;

import java.util.UUID;

/** Why the receiving agency declines a referral, with a comment that only the parties may read. */
public class DeclineForm {

	public UUID idempotencyKey = UUID.randomUUID();

	public String reason;

	public String comment;
}
