package se.nexus.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class PostgresIntegrationTests {

	private final Infrastructure infrastructure = SharedInfrastructure.get();

	@Test
	void createsADatabaseOnceAndRunsQueries() throws Exception {
		Database first = infrastructure.database("x");
		Database second = infrastructure.database("x");
		assertThat(second).isEqualTo(first);

		try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), second.username(),
				second.password()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS notes (text varchar(100))");
			statement.execute("INSERT INTO notes VALUES ('hello')");
			try (ResultSet result = statement.executeQuery("SELECT current_database(), count(*) FROM notes")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getString(1)).isEqualTo("x");
				assertThat(result.getLong(2)).isPositive();
			}
		}
	}
}
