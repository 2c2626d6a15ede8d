package se.nexus.support.participants;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The configured directory of participating agencies ({@code nexus.participants.agencies}). */
@ConfigurationProperties("nexus.participants")
public record Participants(List<Agency> agencies) {

    public Participants {
        agencies = agencies == null ? List.of() : List.copyOf(agencies);
    }

    public Optional<Agency> find(String id) {
        return Optional.ofNullable(byId().get(id));
    }

    public boolean knows(String id) {
        return byId().containsKey(id);
    }

    /** The resource centres, told of every escalation. */
    public List<Agency> resourceCentres() {
        return agencies.stream().filter(Agency::resourceCentre).toList();
    }

    private Map<String, Agency> byId() {
        return agencies.stream().collect(Collectors.toMap(Agency::id, Function.identity()));
    }
}
