package org.consentledger.console;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import org.consentledger.platform.DatabaseTestResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh, empty database (a schema of its own on the test MariaDB, whatever other tests stored) with the demo sites
 * off: what a new operator finds after installing the service.
 */
public class FreshDatabaseProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // the journey publishes and reloads the website: its banner config is fresh for 2 s instead of a minute
        return Map.of("consent.demo.enabled", "false", "consent.banner.config-max-age", "2");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FreshSchema.class));
    }

    public static class FreshSchema implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> shared = new HashMap<>(new DatabaseTestResource().start());
            String url = shared.get("quarkus.datasource.jdbc.url");
            int slash = url.lastIndexOf('/');
            int query = url.indexOf('?', slash);
            // the embedded server's account may create schemas named after its own (EmbeddedDatabase grants them)
            String schema = url.substring(slash + 1, query < 0 ? url.length() : query) + "_journey_"
                    + Long.toHexString(System.nanoTime());
            String server = url.substring(0, slash + 1);
            String suffix = query < 0 ? "" : url.substring(query);
            try (Connection c = DriverManager.getConnection(server + suffix, shared.get("quarkus.datasource.username"),
                    shared.get("quarkus.datasource.password")); Statement s = c.createStatement()) {
                s.executeUpdate("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create the fresh schema " + schema, e);
            }
            shared.put("quarkus.datasource.jdbc.url", server + schema + suffix);
            return shared;
        }

        @Override
        public void stop() {
            // the schema stays with the test server's data under target/
        }
    }
}
