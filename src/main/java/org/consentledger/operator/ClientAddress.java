package org.consentledger.operator;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The current HTTP client's address, truncated (IPv4 /24, IPv6 /48). Honours forwarded headers only when
 * {@code quarkus.http.proxy.proxy-address-forwarding} is on (Quarkus then rewrites the remote address).
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    CurrentVertxRequest currentRequest;

    /** Truncated client address of the current request, or null outside a request. */
    public String truncated() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext context = currentRequest.getCurrent();
        if (context == null || context.request().remoteAddress() == null) {
            return null;
        }
        return org.consentledger.consent.IpTruncation.truncate(context.request().remoteAddress().hostAddress());
    }
}
