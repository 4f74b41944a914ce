package org.consentledger.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The first admin account, created at the first start when no account exists. */
@ConfigMapping(prefix = "consent.admin")
public interface AdminBootstrapConfig {

    /** User name of the first admin. */
    @WithDefault("admin")
    String username();

    /**
     * Password of the first admin ({@code CONSENT_ADMIN_PASSWORD}). When unset, a random password is generated and
     * printed once to the log at the first start.
     */
    Optional<String> password();
}
