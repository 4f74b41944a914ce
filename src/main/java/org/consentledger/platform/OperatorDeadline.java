package org.consentledger.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.consentledger.console.OutageErrorPage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Bounds how long an operator waits when the database hangs, like {@link VisitorDeadline} does for visitors: an
 * operator API request or console page without an answer after {@code consent.operator-deadline} triggers the
 * bounded database check of the readiness probe ({@code consent.health.timeout}); when the database does not answer
 * it, the request gets 503 (problem+json for the API, the console's error page in its language for the console) instead of waiting for the
 * datasource's 20 s socket timeout. When the database answers, the request is slow work (a ledger verification of
 * millions of leaves, a large export) and keeps running; it is checked again after the next interval. The worker thread
 * stays blocked until the socket timeout, and a change it was writing may still commit, so the answer says so; its
 * late answer is not written ({@link DeadlineRace}).
 */
@ApplicationScoped
public class OperatorDeadline {

    private static final Logger LOG = Logger.getLogger(OperatorDeadline.class);

    static final String OPERATOR_PATHS = "/api/v1/admin/.*|/api/v1/auth/.*|/console(/.*)?";
    static final String DETAIL = "The database did not answer in time; a change you sent may have been applied; "
            + "check before repeating it";

    @ConfigProperty(name = "consent.operator-deadline", defaultValue = "5S")
    Duration deadline;

    @Inject
    ObjectMapper mapper;

    @Inject
    @Readiness
    DatabaseReadiness database;

    @Inject
    OutageErrorPage errorPage;

    void register(@Observes Router router) {
        router.routeWithRegex(OPERATOR_PATHS).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 9)
                .handler(context -> DeadlineRace.start(context, deadline, this::check));
    }

    private void check(DeadlineRace race) {
        race.context().vertx()
                .executeBlocking(() -> database.call().getStatus() == HealthCheckResponse.Status.UP, false)
                .onComplete(up -> {
                    if (up.succeeded() && Boolean.TRUE.equals(up.result())) {
                        race.after(deadline, this::check);
                    } else if (!race.answerBegun()) {
                        unavailable(race);
                    }
                });
    }

    private void unavailable(DeadlineRace race) {
        Problem problem = DeadlineRace.problem(DETAIL);
        if (!race.context().normalizedPath().startsWith("/console")) {
            race.unavailable(mapper, problem);
            return;
        }
        errorPage.render(race.context(), problem).onComplete(page -> {
            if (page.succeeded()) {
                race.unavailable("text/html;charset=UTF-8", page.result());
            } else {
                LOG.warn("The console's error page could not be rendered; answering problem+json", page.cause());
                race.unavailable(mapper, problem);
            }
        });
    }
}
