package org.consentledger.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that hangs up is not an error of ours; anything else still is (and is logged at ERROR). */
class ProblemMappersTest {

    @Test
    void clientDisconnectsAreRecognisedThroughWrappers() {
        assertTrue(ProblemMappers.isClientGone(new ClosedChannelException()));
        assertTrue(ProblemMappers.isClientGone(new RuntimeException(new UncheckedIOException(new ClosedChannelException()))));
        assertTrue(ProblemMappers.isClientGone(new IllegalStateException(new IOException("Connection reset by peer"))));
    }

    @Test
    void otherFailuresAreNotMistakenForADisconnect() {
        assertFalse(ProblemMappers.isClientGone(new IOException("No space left on device")));
        assertFalse(ProblemMappers.isClientGone(new IllegalStateException("bug")));
        assertFalse(ProblemMappers.isClientGone(new RuntimeException(new NullPointerException())));
    }

    @Test
    void aBusyOrUnreadyDatabaseIsUnavailableNotAnInternalError() {
        // seen on Galera while a node applied a schema change in total order: a plain SELECT waited into 1205
        java.sql.SQLException lockWait = new java.sql.SQLException("Lock wait timeout exceeded; try restarting transaction",
                "HY000", 1205);
        assertTrue(ProblemMappers.isDatabaseUnavailable(new jakarta.persistence.LockTimeoutException("JDBC exception", lockWait)));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new java.sql.SQLException("Deadlock found", "40001", 1213)));
        assertTrue(ProblemMappers.isDatabaseUnavailable(
                new java.sql.SQLException("WSREP has not yet prepared node for application use", "HY000", 1047)));
        assertFalse(ProblemMappers.isDatabaseUnavailable(new java.sql.SQLException("Duplicate entry", "23000", 1062)));
        assertFalse(ProblemMappers.isDatabaseUnavailable(new IllegalStateException("bug")));
    }
}
