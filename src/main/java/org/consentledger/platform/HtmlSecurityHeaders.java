package org.consentledger.platform;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * One header filter for every response of the service (issue #14 item 7): {@code X-Content-Type-Options: nosniff}
 * everywhere, and on every HTML response — receipts, demo pages, cookie declarations, console, error pages, also
 * those Vert.x writes itself — a Content-Security-Policy without 'unsafe-inline', frame-ancestors 'none',
 * Referrer-Policy and Cache-Control. A response that set its own value (the console's framable preview, cacheable
 * cookie declarations) keeps it.
 */
@ApplicationScoped
public class HtmlSecurityHeaders {

    /** The policy of every HTML page that sets none itself: own scripts and styles only, never framed. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route().order(io.quarkus.vertx.http.runtime.RouteConstants.ROUTE_ORDER_HEADERS).handler(rc -> {
            rc.addHeadersEndHandler(v -> apply(rc.response().headers()));
            rc.next();
        });
    }

    /** Adds the headers a response lacks (pure, for tests). */
    static void apply(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        String type = headers.get("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html")) {
            return;
        }
        setIfAbsent(headers, "Content-Security-Policy", CSP);
        setIfAbsent(headers, "X-Frame-Options", "DENY");
        setIfAbsent(headers, "Referrer-Policy", "same-origin");
        setIfAbsent(headers, "Cache-Control", "no-store");
    }

    private static void setIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
