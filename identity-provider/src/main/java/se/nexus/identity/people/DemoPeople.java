package se.nexus.identity.people;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import se.nexus.identity.participants.Participants;

/** The demo people: one per demo agency and role its kind may hold, all with one password (locally demo-password). */
public final class DemoPeople {

	/** The password of every demo person on a developer's machine. */
	public static final String PASSWORD = "demo-password";

	private final Map<String, DemoPerson> byUsername;

	private DemoPeople(List<DemoPerson> people) {
		this.byUsername = people.stream().collect(Collectors.toMap(DemoPerson::username, Function.identity()));
	}

	/** Everyone the participants allow: each agency times each role its kind may hold. */
	public static DemoPeople of(Participants participants) {
		return new DemoPeople(participants.agencies()
			.stream()
			.flatMap(agency -> participants.roles(agency).stream().map(role -> DemoPerson.of(agency.id(), role)))
			.toList());
	}

	public Optional<DemoPerson> find(String username) {
		return Optional.ofNullable(byUsername.get(username));
	}

	public List<DemoPerson> all() {
		return byUsername.values().stream().sorted(java.util.Comparator.comparing(DemoPerson::username)).toList();
	}

	/** The sign-in accounts; {noop} because the password is shared by every demo person and no real person has one. */
	public InMemoryUserDetailsManager accounts(String password) {
		return new InMemoryUserDetailsManager(all().stream()
			.map(person -> User.withUsername(person.username()).password("{noop}" + password).roles(person.role()).build())
			.toList());
	}
}
