package org.consentledger.console;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.consentledger.platform.Problem;

import java.util.Locale;

/**
 * The console's error page for an answer given outside the REST layer while the database hangs
 * (platform.OperatorDeadline): the same template, language and signed-in header as {@link ConsoleFilter}'s error pages.
 * The header's account comes from the session cookie alone ({@link SessionCookieIdentity}).
 */
@ApplicationScoped
public class OutageErrorPage {

    @Inject
    SessionCookieIdentity cookieIdentity;

    @Inject
    ConsoleSession session;

    @Inject
    CurrentVertxRequest currentRequest;

    /** The page's HTML for this request, rendered on the request's event loop. */
    public Future<String> render(RoutingContext context, Problem problem) {
        Promise<String> page = Promise.promise();
        // on the request's own (duplicated) Vert.x context the request scope is shared with the blocked worker still
        // serving it; its root context has a scope of its own, started and ended here
        VertxContext.getRootContext(context.vertx().getOrCreateContext()).runOnContext(v -> {
            try {
                page.complete(renderInOwnScope(context, problem));
            } catch (RuntimeException e) {
                page.fail(e);
            }
        });
        return page.future();
    }

    private String renderInOwnScope(RoutingContext context, Problem problem) {
        ManagedContext requestScope = Arc.container().requestContext();
        boolean started = !requestScope.isActive();
        if (started) {
            requestScope.activate();
        }
        try {
            currentRequest.setCurrent(context);
            session.resolved(cookieIdentity.of(context));
            Locale locale = session.locale();
            return ConsoleFilter.Templates.error(ErrorPages.of(problem, locale)).setLocale(locale).render();
        } finally {
            if (started) {
                requestScope.terminate();
            }
        }
    }
}
