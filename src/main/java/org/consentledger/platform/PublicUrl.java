package org.consentledger.platform;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** The base (scheme + authority, no trailing slash) of every absolute link the service builds. */
@ApplicationScoped
public class PublicUrl {

    @Inject
    PublicUrlConfig config;

    @Inject
    CurrentVertxRequest request;

    /** Base URL for the current request: the configured one, else the request's (forwarded) scheme and host. */
    public String base() {
        RoutingContext rc = request.getCurrent();
        return resolve(config.baseUrl(), rc == null ? null : rc.request().scheme(),
                rc == null || rc.request().authority() == null ? null : rc.request().authority().toString());
    }

    /** Pure rule: a configured base wins (normalised, no trailing slash); otherwise scheme://authority. */
    static String resolve(Optional<String> configured, String scheme, String authority) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return normalise(configured.get());
        }
        if (scheme == null || authority == null) {
            throw new IllegalStateException("No request and no consent.public.base-url");
        }
        return scheme.toLowerCase(Locale.ROOT) + "://" + authority;
    }

    /** Validates and normalises a configured base URL: http(s), a host, no query or fragment. */
    static String normalise(String value) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("consent.public.base-url is not a URL: " + value, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalStateException("consent.public.base-url must be http(s)://host[:port][/path]: " + value);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + uri.getRawAuthority() + path;
    }
}
