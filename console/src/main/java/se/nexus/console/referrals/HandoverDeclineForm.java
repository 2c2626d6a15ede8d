package se.nexus.console.referrals;

import java.util.UUID;

/** Why the target agency declines to take over a case. */
public class HandoverDeclineForm {

	public UUID idempotencyKey = UUID.randomUUID();

	public String reason;
}
