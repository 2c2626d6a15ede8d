package se.nexus.console.referrals;

import se.nexus.console.api.Views;

/**
 * What the caseworker's agency may do with a referral now, so that the page offers only those; the referral
 * service decides again on each request.
 */
public record ReferralActions(boolean receive, boolean accept, boolean decline, boolean withdraw, boolean close,
		boolean handOver, boolean cancelHandover, boolean decideHandover) {

	public static ReferralActions of(Views.Referral referral, Views.Handover pending, String agency) {
		String status = referral.status();
		boolean receiver = agency.equals(referral.toAgency());
		boolean sender = agency.equals(referral.fromAgency());
		boolean owner = agency.equals(referral.ownerAgency());
		boolean accepted = "ACCEPTED".equals(status);
		return new ReferralActions(receiver && "SUBMITTED".equals(status), receiver && "RECEIVED".equals(status),
				receiver && "RECEIVED".equals(status), sender && ("SUBMITTED".equals(status) || "RECEIVED".equals(status)),
				owner && accepted, owner && accepted && pending == null,
				pending != null && agency.equals(pending.fromAgency()),
				pending != null && agency.equals(pending.toAgency()));
	}

	/** Whether anything at all may be done. */
	public boolean any() {
		return receive || accept || decline || withdraw || close || handOver || cancelHandover || decideHandover;
	}
}
