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
        try {
            if (KeyFiles.ensureKeyPair(dir)) {
                LOG.infof("Generated the token-signing key pair in %s (keep this directory; it survives restarts)", dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the token-signing key pair in " + dir, e);
        }
        // replicas starting at once on different Galera nodes may conflict; the loser finds the admin on retry
        for (int attempt = 1; ; attempt++) {
            try {
                createFirstAdmin();
                return;
            } catch (RuntimeException e) {
                if (attempt >= Conflicts.ATTEMPTS || !Conflicts.isConflict(e)) {
                    throw e;
                }
                Conflicts.pause(attempt);
            }
        }
    }

    void createFirstAdmin() {
        if (accounts.count() > 0) {
            return;
        }
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
                    LOG.infof("First admin account '%s' created with the configured password", admin.username());
                }
            }
        } catch (RuntimeException e) {
            // another replica created it at the same moment (unique user name)
            LOG.infof("First admin not created here: %s", e.getMessage());
        }
    }
}
