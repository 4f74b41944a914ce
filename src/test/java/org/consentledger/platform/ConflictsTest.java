package org.consentledger.platform;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16 item 2: deadlocks and Galera certification failures are retried a bounded number of times. */
class ConflictsTest {

    static SQLException deadlock() {
        return new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
    }

    @Test
    void recognisesDeadlocksAndCertificationFailuresAlsoWhenWrapped() {
        assertTrue(Conflicts.isConflict(deadlock()));
        assertTrue(Conflicts.isConflict(new IllegalStateException("sealing failed", deadlock())));
        assertTrue(Conflicts.isConflict(new SQLException("certification", "40001", 0)));
        assertFalse(Conflicts.isConflict(new SQLException("WSREP has not yet prepared node for application use", "08S01", 1047)));
        assertFalse(Conflicts.isConflict(new SQLException("Duplicate entry", "23000", 1062)));
        assertFalse(Conflicts.isConflict(new IllegalStateException("no cause")));
    }

    @Test
    void aConflictRunsTheWorkAgainUntilItSucceeds() throws SQLException {
        AtomicInteger runs = new AtomicInteger();
        String result = Conflicts.retry(() -> {
            if (runs.incrementAndGet() < 3) {
                throw deadlock();
            }
            return "committed";
        });
        assertEquals("committed", result);
        assertEquals(3, runs.get());
    }

    @Test
    void retriesAreBoundedAndOtherErrorsAreNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        SQLException last = assertThrows(SQLException.class, () -> Conflicts.retry(() -> {
            runs.incrementAndGet();
            throw deadlock();
        }));
        assertEquals(Conflicts.ATTEMPTS, runs.get());
        assertTrue(Conflicts.isConflict(last));

        runs.set(0);
        SQLException other = new SQLException("Connection refused", "08000", 0);
        assertSame(other, assertThrows(SQLException.class, () -> Conflicts.retry(() -> {
            runs.incrementAndGet();
            throw other;
        })));
        assertEquals(1, runs.get());
    }
}
