package se.nexus.notification.notification;

import java.util.List;

/**
 * Who is told of what (docs/architecture.md section 4.4): the receiver of a new referral, the sender of the
 * decision on it, the target of a handover request, the requester of its outcome, both sides when the
 * consent a referral relied on is revoked. A withdrawn referral or a cancelled handover is told to the
 * party that was waiting on it. Receipts and closures need nobody's attention.
 */
public final class Routing {

    private Routing() {
    }

    /** The agencies to notify of an event, in a stable order, without duplicates. */
    public static List<String> recipients(CaseEvent event) {
        return switch (event.type()) {
            case REFERRAL_SUBMITTED, REFERRAL_WITHDRAWN, HANDOVER_REQUESTED, HANDOVER_CANCELLED -> List.of(event.toAgency());
            case REFERRAL_ACCEPTED, REFERRAL_DECLINED, HANDOVER_ACCEPTED, HANDOVER_DECLINED -> List.of(event.fromAgency());
            case REFERRAL_CONSENT_REVOKED -> List.of(event.fromAgency(), event.toAgency());
            case REFERRAL_RECEIVED, REFERRAL_CLOSED -> List.of();
        };
    }
}
