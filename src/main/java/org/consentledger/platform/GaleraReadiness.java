package org.consentledger.platform;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Readiness on a MariaDB Galera node: {@code SELECT 1} still works on a node that lost quorum (non-Primary) or is
 * still joining, but every real statement fails there ("WSREP has not yet prepared node for application use").
 * When the server has wsrep on, this instance is ready only while its node says {@code wsrep_ready=ON} and is
 * {@code Synced}; on a plain server the check is always up (the datasource check covers reachability).
 */
@Readiness
@ApplicationScoped
public class GaleraReadiness implements HealthCheck {

    @Inject
    AgroalDataSource dataSource;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "consent.health.timeout", defaultValue = "3S")
    java.time.Duration timeout;

    private final DatabaseReadiness.Bound bound = new DatabaseReadiness.Bound("Galera node");

    /** Pure decision from the server's wsrep variables and status (lower-case names, values as the server shows them). */
    static Status evaluate(Map<String, String> wsrep) {
        if (!"ON".equalsIgnoreCase(wsrep.getOrDefault("wsrep_on", "OFF"))) {
            return new Status(true, false, "not a Galera node");
        }
        String ready = wsrep.getOrDefault("wsrep_ready", "OFF");
        String state = wsrep.getOrDefault("wsrep_local_state_comment", "unknown");
        String cluster = wsrep.getOrDefault("wsrep_cluster_status", "unknown");
        boolean up = "ON".equalsIgnoreCase(ready) && "Synced".equalsIgnoreCase(state) && "Primary".equalsIgnoreCase(cluster);
        return new Status(up, true, "wsrep_ready=" + ready + ", state " + state + ", cluster " + cluster);
    }

    record Status(boolean up, boolean galera, String detail) {
    }

    /** Bounded like the datasource check: a hung server makes the probe DOWN instead of hanging. */
    @Override
    public HealthCheckResponse call() {
        return bound.call(this::check, timeout);
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Galera node");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            Map<String, String> wsrep = new HashMap<>();
            // SHOW works on a node out of quorum, where most SELECTs are refused
            try (ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'")) {
                while (rs.next()) {
                    wsrep.put(rs.getString(1).toLowerCase(), rs.getString(2));
                }
            }
            if ("ON".equalsIgnoreCase(wsrep.get("wsrep_on"))) {
                try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN "
                        + "('wsrep_ready', 'wsrep_local_state_comment', 'wsrep_cluster_status')")) {
                    while (rs.next()) {
                        wsrep.put(rs.getString(1).toLowerCase(), rs.getString(2));
                    }
                }
            }
            Status status = evaluate(wsrep);
            return response.status(status.up()).withData("galera", status.galera()).withData("state", status.detail()).build();
        } catch (SQLException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
