package org.consentledger.platform;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** How the service is reached from outside (docs/DEPLOY.md "Behind a reverse proxy"). */
@ConfigMapping(prefix = "consent.public")
public interface PublicUrlConfig {

    /**
     * Scheme and host (optionally port) every absolute link is built from, e.g. {@code https://consent.example.com}
     * (env CONSENT_PUBLIC_BASE_URL). Unset: taken from the request, which honours X-Forwarded-Proto/-Host only from
     * the trusted proxies ({@code quarkus.http.proxy.trusted-proxies}).
     */
    Optional<String> baseUrl();
}
