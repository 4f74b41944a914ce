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
}
