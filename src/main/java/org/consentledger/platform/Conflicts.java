package org.consentledger.platform;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Write conflicts are normal on a Galera cluster: a transaction that loses certification against a write set
 * committed on another node, or is aborted by a replicated write set that needs its locks, fails with error 1213
 * (SQLSTATE 40001, "Deadlock found when trying to get lock"); the same error is an ordinary InnoDB deadlock on a
 * single server. Such a transaction changed nothing and can simply run again. This class recognises them and
 * retries a unit of work a bounded number of times with a short, jittered pause (docs/DEPLOY.md, "Galera").
 */
public final class Conflicts {

    /** How often a conflicting unit of work runs at most (first run included). */
    public static final int ATTEMPTS = 5;

    private Conflicts() {
    }

    /** Work against the database that may be retried as a whole. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Whether {@code e} (or a cause) is a deadlock or a certification failure: the transaction may run again. */
    public static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                if (sql.getErrorCode() == 1213 || "40001".equals(sql.getSQLState())) {
                    return true;
                }
            }
            if (t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code work}; on a conflict runs it again, up to {@link #ATTEMPTS} times, then rethrows the last one. */
    public static <T> T retry(Work<T> work) throws SQLException {
        return retry(ATTEMPTS, work);
    }

    /** As {@link #retry(Work)} with a given number of attempts. */
    public static <T> T retry(int attempts, Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run();
            } catch (SQLException | RuntimeException e) {
                if (attempt >= attempts || !isConflict(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** A short pause before attempt {@code attempt + 1}: 2-5 ms, then growing to some 100 ms, jittered. */
    public static void pause(int attempt) {
        long max = Math.min(100, 5L << Math.min(attempt - 1, 5));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2, max + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
