package se.nexus.support.participants;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The configured directory of participating agencies ({@code nexus.participants.agencies}). */
@ConfigurationProperties("nexus.participants")
public final class Participants {

    private final List<Agency> agencies;
    /** Looked up on every routed event and request, so built once. */
    private final Map<String, Agency> byId;

    public Participants(List<Agency> agencies) {
        this.agencies = agencies == null ? List.of() : List.copyOf(agencies);
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

    /** The resource centres, told of every escalation. */
    public List<Agency> resourceCentres() {
        return agencies.stream().filter(Agency::resourceCentre).toList();
    }
}
