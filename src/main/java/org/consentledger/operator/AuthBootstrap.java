package org.consentledger.operator;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.consentledger.platform.Conflicts;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * At start-up: makes sure the embedded issuer has its key pair (generated once, then kept under
 * {@code consent.auth.key-dir}) and that a first admin exists.
 */
@ApplicationScoped
public class AuthBootstrap {

    private static final Logger LOG = Logger.getLogger(AuthBootstrap.class);

    @Inject
    AuthConfig auth;

    @Inject
    AdminBootstrapConfig admin;

    @Inject
    AccountService accounts;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (!auth.localAccounts()) {
            LOG.info("Local accounts are switched off: only tokens of the configured external issuer are accepted");
            return;
        }
        Path dir = Path.of(auth.keyDir()).toAbsolutePath();
        // the key pair (RSA generation on a first start) and the first admin (a bcrypt hash) each take a CPU core for
        // up to a second on a first start: done side by side
        CompletableFuture<Void> keyPair = CompletableFuture.runAsync(() -> ensureKeyPair(dir), runnable -> {
            Thread thread = new Thread(runnable, "token-key-pair");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            // replicas starting at once on different Galera nodes may conflict; the loser finds the admin on retry
            for (int attempt = 1; ; attempt++) {
                try {
                    createFirstAdmin();
                    break;
                } catch (RuntimeException e) {
                    if (attempt >= Conflicts.ATTEMPTS || !Conflicts.isConflict(e)) {
                        throw e;
                    }
                    Conflicts.pause(attempt);
                }
            }
        } finally {
            try {
                keyPair.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

    private static void ensureKeyPair(Path dir) {
        long t0 = System.nanoTime();
        try {
            if (KeyFiles.ensureKeyPair(dir)) {
                LOG.infof("Generated the token-signing key pair in %s in %.2f s (keep this directory; it survives restarts)",
                        dir, (System.nanoTime() - t0) / 1e9);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the token-signing key pair in " + dir, e);
        }
    }

    void createFirstAdmin() {
        if (accounts.count() > 0) {
            return;
        }
        long t0 = System.nanoTime();
        boolean generated = admin.password().isEmpty() || admin.password().get().isBlank();
        String password = generated ? AccountService.generatePassword() : admin.password().get();
        try {
            if (accounts.createFirstAdmin(admin.username(), password)) {
                if (generated) {
                    // printed once: the next start finds the account and prints nothing
                    LOG.warnf("%n==============================================================%n"
                            + " First admin account created%n   user:     %s%n   password: %s%n"
                            + " Shown only this once. Change it with POST /api/v1/admin/users/%s/password%n"
                            + "==============================================================",
                            admin.username(), password, admin.username());
                } else {
                    LOG.infof("First admin account '%s' created with the configured password in %.2f s", admin.username(),
                            (System.nanoTime() - t0) / 1e9);
                }
            }
        } catch (RuntimeException e) {
            // another replica created it at the same moment (unique user name)
            LOG.infof("First admin not created here: %s", e.getMessage());
        }
    }
}
