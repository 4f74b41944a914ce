package org.consentledger.platform;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Read-your-writes on a MariaDB Galera cluster. Galera replicates synchronously but applies asynchronously: a node
 * can answer a read before it applied a write another node already acknowledged (a receipt asked from the other
 * instance right after its 201 was 404 in 5 of 300 tries). Every new pooled connection to a Galera node therefore
 * gets {@code wsrep_sync_wait} (default 1: reads wait until the node applied everything committed in the cluster
 * before they started), so receipts, visitor state, data-subject requests and verification see every
 * acknowledged write, whichever node the instance reads from. Writes are not delayed (bit 1 covers reads only).
 * On a plain server nothing is set. {@code consent.galera.sync-wait=0} switches it off (docs/DEPLOY.md, "Galera").
 */
@ApplicationScoped
public class GaleraSessions implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(GaleraSessions.class);

    @ConfigProperty(name = "consent.galera.sync-wait", defaultValue = "1")
    int syncWait;

    private final AtomicBoolean announced = new AtomicBoolean();

    @Override
    public void onConnectionCreate(Connection connection) {
        if (syncWait <= 0) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            boolean galera = false;
            try (ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'")) {
                galera = rs.next() && "ON".equalsIgnoreCase(rs.getString(2));
            }
            if (galera) {
                s.execute("SET SESSION wsrep_sync_wait = " + syncWait);
                if (announced.compareAndSet(false, true)) {
                    LOG.infof("Galera node: reads wait for cluster-wide causality (wsrep_sync_wait=%d)", syncWait);
                }
            }
        } catch (SQLException e) {
            // a node that cannot answer SHOW now is not ready either; the connection fails its first real use
            LOG.debugf("Galera session setup skipped: %s", e.getMessage());
        }
    }
}
