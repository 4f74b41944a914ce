package org.consentledger.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16 item 4: a Galera node out of quorum, joining or donating makes the instance not ready. */
class GaleraReadinessTest {

    @Test
    void aPlainServerIsReady() {
        assertTrue(GaleraReadiness.evaluate(Map.of()).up());
        assertTrue(GaleraReadiness.evaluate(Map.of("wsrep_on", "OFF")).up());
        assertFalse(GaleraReadiness.evaluate(Map.of("wsrep_on", "OFF")).galera());
    }

    @Test
    void aGaleraNodeIsReadyOnlyWhenSyncedInThePrimaryComponent() {
        assertTrue(GaleraReadiness.evaluate(Map.of("wsrep_on", "ON", "wsrep_ready", "ON",
                "wsrep_local_state_comment", "Synced", "wsrep_cluster_status", "Primary")).up());
        // out of quorum: SELECT 1 works there, every real statement fails
        assertFalse(GaleraReadiness.evaluate(Map.of("wsrep_on", "ON", "wsrep_ready", "OFF",
                "wsrep_local_state_comment", "Initialized", "wsrep_cluster_status", "non-Primary")).up());
        assertFalse(GaleraReadiness.evaluate(Map.of("wsrep_on", "ON", "wsrep_ready", "ON",
                "wsrep_local_state_comment", "Joined", "wsrep_cluster_status", "Primary")).up());
        assertFalse(GaleraReadiness.evaluate(Map.of("wsrep_on", "ON", "wsrep_ready", "ON",
                "wsrep_local_state_comment", "Donor/Desynced", "wsrep_cluster_status", "Primary")).up());
        assertFalse(GaleraReadiness.evaluate(Map.of("wsrep_on", "ON")).up());
    }
}
