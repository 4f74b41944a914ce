package org.consentledger.platform;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Drops a REST answer that arrives after its request's deadline has answered 503 ({@link DeadlineRace}): the worker
 * that waited for the hung database finishes long after. Written, it would fail on the response that was already sent
 * ("Response has already been written", logged as an unexpected error, and the connection closed). Runs before every
 * other response filter and, when the deadline won, ends the REST layer's work without writing.
 */
public class LateAnswers {

    private static final Logger LOG = Logger.getLogger(LateAnswers.class);

    @ServerResponseFilter(priority = Integer.MAX_VALUE)
    public void dropAfterDeadline(ContainerRequestContext request, RoutingContext context) {
        if (DeadlineRace.claimForAnswer(context)) {
            return;
        }
        LOG.debugf("%s %s: answered after its deadline had answered 503; not written", request.getMethod(),
                context.normalizedPath());
        ResteasyReactiveRequestContext rest = CurrentRequestManager.get();
        rest.setPosition(rest.getHandlers().length); // no further filter and no writer
    }
}
