package se.nexus.infrastructure;

/** Connection details of one PostgreSQL database. */
public record Database(String jdbcUrl, String username, String password) {

	@Override
	public String toString() {
		return "Database[" + jdbcUrl + ", user " + username + "]";
	}
}
