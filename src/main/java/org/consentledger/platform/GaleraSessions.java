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
 * <p>
 * Also {@code binlog_annotate_row_events=OFF} on the session: MariaDB's default (ON) puts each statement's text into the
 * Galera write set next to its row events, and the driver sends prepared statements with their values inlined, so
 * a consent batch travelled (and was parsed by every node) twice: about 2.9 KB per consent instead of 1.4 KB
 * (docs/PERFORMANCE.md, "Galera ingest"). Setting it needs BINLOG ADMIN (or SUPER); without it the server's own
 * setting stays and the first connection logs how to set it there.
 */
@ApplicationScoped
public class GaleraSessions implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(GaleraSessions.class);

    @ConfigProperty(name = "consent.galera.sync-wait", defaultValue = "1")
    int syncWait;

    private final AtomicBoolean announced = new AtomicBoolean();
    private final AtomicBoolean annotateAnnounced = new AtomicBoolean();
    /** Cleared when the account may not set binlog_annotate_row_events: not tried again on every new connection. */
    private volatile boolean annotateSettable = true;

    @Override
    public void onConnectionCreate(Connection connection) {
        try (Statement s = connection.createStatement()) {
            boolean galera = false;
            boolean annotate = false;
            try (ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('wsrep_on', 'binlog_annotate_row_events')")) {
                while (rs.next()) {
                    boolean on = "ON".equalsIgnoreCase(rs.getString(2));
                    if ("wsrep_on".equalsIgnoreCase(rs.getString(1))) {
                        galera = on;
                    } else {
                        annotate = on;
                    }
                }
            }
            if (!galera) {
                return;
            }
            if (syncWait > 0) { // first: read-your-writes matters more than the write-set size below
                s.execute("SET SESSION wsrep_sync_wait = " + syncWait);
                if (announced.compareAndSet(false, true)) {
                    LOG.infof("Galera node: reads wait for cluster-wide causality (wsrep_sync_wait=%d)", syncWait);
                }
            }
            if (annotate && annotateSettable) {
                dropStatementText(s);
            }
        } catch (SQLException e) {
            // a node that cannot answer SHOW now is not ready either; the connection fails its first real use
            LOG.debugf("Galera session setup skipped: %s", e.getMessage());
        }
    }

    /** Write sets without the statement text (row events only); see the class comment. */
    private void dropStatementText(Statement s) throws SQLException {
        try {
            s.execute("SET SESSION binlog_annotate_row_events = OFF");
        } catch (SQLException e) {
            if (e.getErrorCode() != 1227) { // access denied: the account lacks BINLOG ADMIN
                throw e;
            }
            annotateSettable = false;
            if (annotateAnnounced.compareAndSet(false, true)) {
                LOG.infof("Galera node: every write set also carries its statement text (binlog_annotate_row_events=ON,"
                        + " about twice the replicated bytes per consent); set binlog_annotate_row_events=OFF in the"
                        + " server configuration, or grant the service's account BINLOG ADMIN");
            }
        }
    }
}
