package se.nexus.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import se.nexus.infrastructure.Database;
import se.nexus.infrastructure.SharedInfrastructure;

/** Connections to the audit database as its owner (a superuser here), playing the insider who tampers. */
public final class OwnerDatabase {

    private OwnerDatabase() {
    }

    public static Database database() {
        return SharedInfrastructure.get().database("audit_service");
    }

    public static Connection connect() throws SQLException {
        Database database = database();
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
