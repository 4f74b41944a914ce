package org.consentledger.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.consentledger.console.ConsoleLanguage;
import org.consentledger.console.ErrorPages;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Locale;

/**
 * Bounds how long an operator waits when the database hangs, like {@link VisitorDeadline} does for visitors: an
 * operator API request or console page without an answer after {@code consent.operator-deadline} triggers the
 * bounded database check of the readiness probe ({@code consent.health.timeout}); when the database does not answer
 * it, the request gets 503 (problem+json for the API, an error page for the console) instead of waiting for the
 * datasource's 20 s socket timeout. When the database answers, the request is slow work (a ledger verification of
 * millions of leaves, a large export) and keeps running; it is checked again after the next interval. The worker thread
 * stays blocked until the socket timeout, and a change it was writing may still commit, so the answer says so.
 */
@ApplicationScoped
public class OperatorDeadline {

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

    void register(@Observes Router router) {
        router.routeWithRegex(OPERATOR_PATHS).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 9).handler(this::arm);
    }

    void arm(RoutingContext context) {
        long[] timer = {schedule(context)};
        context.put(OperatorDeadline.class.getName(), timer);
        context.addEndHandler(v -> context.vertx().cancelTimer(timer[0]));
        context.next();
    }

    private long schedule(RoutingContext context) {
        return context.vertx().setTimer(deadline.toMillis(), t -> check(context));
    }

    private static boolean answered(RoutingContext context) {
        HttpServerResponse response = context.response();
        return response.headWritten() || response.ended() || response.closed();
    }

    private void check(RoutingContext context) {
        if (answered(context)) {
            return;
        }
        context.vertx().executeBlocking(() -> database.call().getStatus() == HealthCheckResponse.Status.UP, false)
                .onComplete(result -> {
                    if (answered(context)) {
                        return;
                    }
                    if (result.succeeded() && Boolean.TRUE.equals(result.result())) {
                        long[] timer = context.get(OperatorDeadline.class.getName());
                        timer[0] = schedule(context);
                    } else {
                        unavailable(context);
                    }
                });
    }

    private void unavailable(RoutingContext context) {
        Problem problem = Problem.of(503, "unavailable", "Service unavailable", DETAIL);
        HttpServerResponse response = context.response().setStatusCode(503).putHeader("Retry-After", "5");
        if (context.normalizedPath().startsWith("/console")) {
            Cookie language = context.request().getCookie(ConsoleLanguage.COOKIE);
            Locale locale = Locale.forLanguageTag(ConsoleLanguage.choose(language == null ? null : language.getValue(),
                    context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
            ErrorPages.ErrorPage page = ErrorPages.of(problem, locale);
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end("<!DOCTYPE html>\n<html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                            + escape(page.code() + " " + page.title()) + "</title></head><body><main><h1>"
                            + escape(page.title()) + "</h1><p>" + escape(page.text()) + "</p>"
                            + (page.technical() == null ? "" : "<p>" + escape(page.technical()) + "</p>")
                            + "</main></body></html>\n");
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = "";
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
