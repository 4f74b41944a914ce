package org.consentledger.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14 item 9: the embedded MariaDB runs with grant tables; only the generated password (kept owner-only next to
 * the data directory) opens it over 127.0.0.1, and a data directory that has no password yet (as the earlier embedded
 * mode left it) gets one at its next start and keeps its data.
 */
class EmbeddedDatabaseSecretsTest {

    @Test
    void onlyTheGeneratedPasswordOpensTheDatabaseAndADataDirectoryWithoutOneIsMigrated() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "secrets-mariadb-");
        Path dataDir = home.resolve("db");
        int port = DatabaseTestResource.freePort();

        // a data directory with system tables but no account and no password file: what the old embedded mode left
        EmbeddedDatabase.Server legacy = new EmbeddedDatabase.Server(dataDir, port, "consentledger");
        legacy.prepare();
        Files.delete(legacy.passwordFile);

        EmbeddedDatabase.Server first = new EmbeddedDatabase.Server(dataDir, port, "consentledger");
        first.prepare();
        first.launch();
        String url = first.access().jdbcUrl();
        String password = first.access().password();
        try {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.passwordFile)));
            assertEquals(password, Files.readString(first.passwordFile).strip());
            assertFalse(Files.exists(first.initFile), "the init file holding the password is gone once the server runs");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));

            assertRefused(url, "root", "");
            assertRefused(url, "root", password);
            assertRefused(url, EmbeddedDatabase.USER, "");
            assertRefused(url, EmbeddedDatabase.USER, password + "x");
            assertRefused(url, "", "");
            try (Connection c = DriverManager.getConnection(url, EmbeddedDatabase.USER, password);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v VARCHAR(20))");
                s.execute("INSERT INTO kept VALUES ('before restart')");
                // the service's account reaches its own schema only
                assertThrows(SQLException.class, () -> s.executeQuery("SELECT COUNT(*) FROM mysql.global_priv"));
            }
        } finally {
            first.terminate();
        }

        EmbeddedDatabase.Server again = new EmbeddedDatabase.Server(dataDir, port, "consentledger");
        again.prepare();
        again.launch();
        try {
            assertEquals(password, again.access().password(), "a restart keeps the password");
            try (Connection c = DriverManager.getConnection(url, EmbeddedDatabase.USER, password);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertTrue(rs.next());
                assertEquals("before restart", rs.getString(1));
            }
            assertRefused(url, EmbeddedDatabase.USER, "");
        } finally {
            again.terminate();
        }
    }

    private static void assertRefused(String url, String user, String password) {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, user, password).close(),
                "connecting as '" + user + "' with a wrong or empty password must fail");
        assertTrue(e.getMessage().contains("Access denied"), e.getMessage());
    }
}
