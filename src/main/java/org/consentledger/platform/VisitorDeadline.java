package org.consentledger.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
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
 * with the same Idempotency-Key (stored exactly once). Its late answer is not written ({@link DeadlineRace}). Operator
 * endpoints, which may legitimately run longer (exports, verification), are bounded by {@link OperatorDeadline}.
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
                .handler(context -> DeadlineRace.start(context, deadline,
                        race -> race.unavailable(mapper, DeadlineRace.problem(DETAIL))));
    }
}
