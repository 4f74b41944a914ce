package org.consentledger.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded MariaDB starts in the background while Quarkus boots (issue 14, item 11): how to reach it is known
 * before anything is unpacked, the first use of the database waits for the start, and a failed start stops the boot
 * with its own reason.
 */
class EmbeddedDatabaseStartTest {

    @AfterEach
    void nothingPending() {
        EmbeddedDatabaseStart.pending(null);
    }

    @Test
    void portAndPasswordAreKnownBeforeTheServerIsUnpackedOrStarted() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "start-mariadb-");
        EmbeddedDatabase.Server server = new EmbeddedDatabase.Server(home.resolve("db"), 3399, "consentledger");
        server.prepareAccess();
        EmbeddedDatabase.Access access = server.access();
        assertEquals("jdbc:mariadb://127.0.0.1:3399/consentledger", access.jdbcUrl());
        assertTrue(access.password().length() >= 20, "a generated password");
        assertEquals(access.password(), Files.readString(server.passwordFile).strip(), "kept for the next start");
        assertFalse(Files.exists(server.baseDir), "nothing unpacked yet: that happens while Quarkus boots");
        assertFalse(Files.exists(server.dataDir), "no system tables yet");
    }

    @Test
    void theFirstUseOfTheDatabaseWaitsForTheStartAndSeesItsFailure() throws Exception {
        CompletableFuture<Void> start = new CompletableFuture<>();
        EmbeddedDatabaseStart.pending(start);
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(EmbeddedDatabaseStart::await);
        Thread.sleep(200);
        assertFalse(waiter.isDone(), "Flyway waits while the server is being started");
        start.completeExceptionally(new IllegalStateException("Could not start the embedded MariaDB: port 3307 is taken"));
        IllegalStateException failure = assertThrows(IllegalStateException.class, EmbeddedDatabaseStart::await);
        assertEquals("Could not start the embedded MariaDB: port 3307 is taken", failure.getMessage());
        java.util.concurrent.CompletionException waited = assertThrows(java.util.concurrent.CompletionException.class, waiter::join);
        assertEquals(failure.getMessage(), waited.getCause().getMessage(), "the waiting boot fails with the same reason");
    }

    @Test
    void withAnExternalDatabaseNothingWaits() {
        EmbeddedDatabaseStart.pending(null);
        EmbeddedDatabaseStart.await();
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        EmbeddedDatabaseStart.pending(done);
        EmbeddedDatabaseStart.await();
    }
}
