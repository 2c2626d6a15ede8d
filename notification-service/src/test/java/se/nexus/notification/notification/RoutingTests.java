package se.nexus.notification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Pins the routing table of docs/architecture.md section 4.4, event type by event type. */
class RoutingTests {

    static final String SENDER = "se.uppsala.socialtjanst";
    static final String RECEIVER = "se.uppsala.nexus";

    static final Map<CaseEventType, List<String>> TABLE = new EnumMap<>(Map.ofEntries(
        Map.entry(CaseEventType.REFERRAL_SUBMITTED, List.of(RECEIVER)),
        Map.entry(CaseEventType.REFERRAL_RECEIVED, List.of()),
        Map.entry(CaseEventType.REFERRAL_ACCEPTED, List.of(SENDER)),
        Map.entry(CaseEventType.REFERRAL_DECLINED, List.of(SENDER)),
        Map.entry(CaseEventType.REFERRAL_WITHDRAWN, List.of(RECEIVER)),
        Map.entry(CaseEventType.REFERRAL_CLOSED, List.of()),
        Map.entry(CaseEventType.REFERRAL_CONSENT_REVOKED, List.of(SENDER, RECEIVER)),
        Map.entry(CaseEventType.HANDOVER_REQUESTED, List.of(RECEIVER)),
        Map.entry(CaseEventType.HANDOVER_ACCEPTED, List.of(SENDER)),
        Map.entry(CaseEventType.HANDOVER_DECLINED, List.of(SENDER)),
        Map.entry(CaseEventType.HANDOVER_CANCELLED, List.of(RECEIVER))));

    @Test
    void everyEventTypeIsRoutedAsTheTableSays() {
        assertThat(TABLE.keySet()).containsExactlyInAnyOrder(CaseEventType.values());
        TABLE.forEach((type, expected) -> assertThat(Routing.recipients(event(type)))
            .as(type.name()).containsExactlyElementsOf(expected));
    }

    static CaseEvent event(CaseEventType type) {
        return new CaseEvent(UUID.randomUUID(), type, UUID.randomUUID(), SENDER, RECEIVER, "p-1", false, Urgency.URGENT);
    }
}
