package se.nexus.console.referrals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import se.nexus.console.api.Views;

import static org.assertj.core.api.Assertions.assertThat;

/** The page offers each party only what the referral service would let it do now. */
class ReferralActionsTests {

	static final String SENDER = "se.uppsala.socialtjanst";

	static final String RECEIVER = "se.uppsala.nexus";

	@Test
	void theReceiverReceivesThenAcceptsOrDeclines() {
		assertThat(ReferralActions.of(referral("SUBMITTED", RECEIVER), null, RECEIVER))
			.isEqualTo(new ReferralActions(true, false, false, false, false, false, false, false));
		assertThat(ReferralActions.of(referral("RECEIVED", RECEIVER), null, RECEIVER))
			.isEqualTo(new ReferralActions(false, true, true, false, false, false, false, false));
	}

	@Test
	void theSenderMayWithdrawOnlyBeforeAcceptance() {
		assertThat(ReferralActions.of(referral("RECEIVED", RECEIVER), null, SENDER).withdraw()).isTrue();
		assertThat(ReferralActions.of(referral("ACCEPTED", RECEIVER), null, SENDER).any()).isFalse();
	}

	@Test
	void theOwnerClosesOrHandsOverAndAPendingHandoverIsDecidedByItsTarget() {
		assertThat(ReferralActions.of(referral("ACCEPTED", RECEIVER), null, RECEIVER))
			.isEqualTo(new ReferralActions(false, false, false, false, true, true, false, false));
		Views.Handover pending = new Views.Handover(UUID.randomUUID(), UUID.randomUUID(), RECEIVER,
				"se.polisen.region-mitt", "CRIME_SUSPECTED", "PENDING", null, Instant.now(), null);
		assertThat(ReferralActions.of(referral("ACCEPTED", RECEIVER), pending, RECEIVER))
			.isEqualTo(new ReferralActions(false, false, false, false, true, false, true, false));
		assertThat(ReferralActions.of(referral("ACCEPTED", RECEIVER), pending, "se.polisen.region-mitt").decideHandover())
			.isTrue();
	}

	private static Views.Referral referral(String status, String owner) {
		return new Views.Referral(UUID.randomUUID(), status, SENDER, RECEIVER, owner, new Views.Subject("P-1", false),
				"URGENT", List.of("THREATS"), new Views.LegalBasis("CONSENT", UUID.randomUUID(), null),
				"PROTECTION_AND_SUPPORT", null, null, null, Instant.now(), Instant.now());
	}
}
