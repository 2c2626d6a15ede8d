package se.nexus.support.participants;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The configured directory of participating agencies ({@code nexus.participants.agencies}) and the roles
 * each kind of agency may hold ({@code nexus.participants.roles-by-kind}).
 */
@ConfigurationProperties("nexus.participants")
public final class Participants {

    /** The role of people and systems that work cases: only agencies whose kind may hold it take part in cases. */
    public static final String CASEWORKER = "CASEWORKER";

    private final List<Agency> agencies;
    private final Map<AgencyKind, Set<String>> rolesByKind;
    /** Looked up on every routed event and request, so built once. */
    private final Map<String, Agency> byId;

    public Participants(List<Agency> agencies, Map<AgencyKind, Set<String>> rolesByKind) {
        this.agencies = agencies == null ? List.of() : List.copyOf(agencies);
        this.rolesByKind = rolesByKind == null ? Map.of() : Map.copyOf(rolesByKind);
        this.byId = this.agencies.stream().collect(Collectors.toUnmodifiableMap(Agency::id, Function.identity()));
    }

    public List<Agency> agencies() {
        return agencies;
    }

    public Optional<Agency> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean knows(String id) {
        return byId.containsKey(id);
    }

    /** Whether a token of this agency may carry this role; false for an agency that does not participate. */
    public boolean mayHold(String agencyId, String role) {
        Agency agency = byId.get(agencyId);
        return agency != null && rolesByKind.getOrDefault(agency.kind(), Set.of()).contains(role);
    }

    /** Whether the agency works cases: it may be sent a referral or handed one over. */
    public boolean handlesCases(String agencyId) {
        return mayHold(agencyId, CASEWORKER);
    }

    /** The resource centres, told of every escalation. */
    public List<Agency> resourceCentres() {
        return agencies.stream().filter(Agency::resourceCentre).toList();
    }
}
