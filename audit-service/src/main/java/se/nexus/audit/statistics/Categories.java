package se.nexus.audit.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import se.nexus.support.participants.Agency;
import se.nexus.support.participants.AgencyKind;
import se.nexus.support.participants.Participants;

/**
 * The codes the statistics count under, every known one shown as a column even when nothing was counted: urgencies
 * from the event contract, agency kinds of the participants that work cases, and the configured concerns, decline
 * reasons and provisions. Codes seen that are not known (from a later contract, or {@code UNKNOWN}) follow them.
 */
@Component
class Categories {

    /** The code of an entry that lacks it: appended before its event's codes were kept, or an agency not configured. */
    static final String UNKNOWN = "UNKNOWN";
    static final String CONSENT = "CONSENT";

    private final StatisticsProperties properties;
    private final Participants participants;
    private final Urgencies urgencies;

    Categories(StatisticsProperties properties, Participants participants, Urgencies urgencies) {
        this.properties = properties;
        this.participants = participants;
        this.urgencies = urgencies;
    }

    List<String> urgencies() {
        return urgencies.symbols();
    }

    List<String> declineReasons() {
        return properties.declineReasons();
    }

    /** The known columns of the referrals table for a grouping. */
    List<String> of(GroupBy groupBy) {
        return switch (groupBy) {
            case URGENCY -> urgencies();
            case SENDING_AGENCY_KIND, RECEIVING_AGENCY_KIND -> caseAgencyKinds();
            case CONCERN -> properties.concerns();
            case LEGAL_BASIS -> legalBases();
        };
    }

    /** How a stored category reads in a grouping: agencies are counted by id and shown by kind. */
    UnaryOperator<String> shownAs(GroupBy groupBy) {
        return switch (groupBy) {
            case SENDING_AGENCY_KIND, RECEIVING_AGENCY_KIND -> id -> participants.find(id).map(Agency::kind)
                .map(AgencyKind::name).orElse(UNKNOWN);
            default -> UnaryOperator.identity();
        };
    }

    /** The known codes, then the others seen, in a fixed order so that a month's row reads the same in every period. */
    static List<String> withOthersSeen(List<String> known, Collection<String> seen) {
        List<String> columns = new ArrayList<>(known);
        new TreeSet<>(seen).stream().filter(code -> !known.contains(code)).forEach(columns::add);
        return columns;
    }

    private List<String> caseAgencyKinds() {
        return Arrays.stream(AgencyKind.values())
            .filter(kind -> participants.agencies().stream()
                .anyMatch(agency -> agency.kind() == kind && participants.handlesCases(agency.id())))
            .map(AgencyKind::name).toList();
    }

    private List<String> legalBases() {
        List<String> bases = new ArrayList<>(List.of(CONSENT));
        bases.addAll(properties.provisionCodes());
        return bases;
    }
}
