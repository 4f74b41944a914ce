package org.consentledger.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Bounds how long a visitor waits when the database hangs (a paused server or a proxy that stops forwarding: the
 * TCP connection stays open, so only the datasource's 20 s socket timeout would end the wait). A visitor API request
 * that has no answer after {@code consent.visitor-deadline} gets 503 problem+json with Retry-After; the worker thread
 * stays blocked until the socket timeout, and a consent it was writing may still commit, so the detail says to retry
 * with the same Idempotency-Key (stored exactly once). Operator endpoints, which may
 * legitimately run longer (exports, verification), are bounded by {@link OperatorDeadline}.
 */
@ApplicationScoped
public class VisitorDeadline {

    static final String DETAIL = "The database did not answer in time; a consent may have been stored; "
            + "retry with the same Idempotency-Key";

    @ConfigProperty(name = "consent.visitor-deadline", defaultValue = "5S")
    Duration deadline;

    @Inject
    ObjectMapper mapper;

    void register(@Observes Router router) {
        router.routeWithRegex(HttpGuard.VISITOR_API + ".*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 9)
                .handler(this::arm);
    }

    void arm(RoutingContext context) {
        long timer = context.vertx().setTimer(deadline.toMillis(), t -> expire(context));
        context.addEndHandler(v -> context.vertx().cancelTimer(timer));
        context.next();
    }

    private void expire(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(503, "unavailable", "Service unavailable", DETAIL));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = "";
        }
        response.setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Retry-After", "5")
                .end(body);
    }
}
