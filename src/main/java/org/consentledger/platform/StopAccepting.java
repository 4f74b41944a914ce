package org.consentledger.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * On SIGTERM the service stops accepting connections, answers every request it had begun, and processes nothing
 * it could no longer answer (issue #14 item 12).
 *
 * <p>Quarkus' graceful shutdown ({@code quarkus.shutdown.timeout}) has two gaps that reset connections whose consent
 * was committed. The listening socket stays open until the very end, so under steady load new connections kept
 * arriving and the wait ran into its timeout. And its wait ends as soon as no request is running, while a request that
 * arrives later on an already open keep-alive connection is still processed as Quarkus goes on to close the HTTP
 * server: its consent commits and the connection closes before the answer is written. So at the very start of the
 * shutdown, in {@link ShutdownDelayInitiatedEvent} ({@code quarkus.shutdown.delay-enabled}; fired before Quarkus
 * waits for requests and long before anything is stopped):
 * <ul>
 * <li>the listening channels are closed: late clients get "connection refused" (nothing sent, nothing stored: safe
 * to retry, also for a load balancer). Vert.x 4 has no public "stop accepting" call, so the channels are learnt from
 * the requests (a connection channel's parent);</li>
 * <li>the admission gate that every request passes closes: a request arriving later on an open connection is answered
 * 503 "not processed" with {@code Connection: close} and touches nothing;</li>
 * <li>the shutdown waits until every request admitted before is answered, for at most {@code quarkus.shutdown.timeout};
 * Quarkus' own wait follows and then finds nothing running, unless a request outlived that timeout.</li>
 * </ul>
 */
@ApplicationScoped
public class StopAccepting {

    private static final Logger LOG = Logger.getLogger(StopAccepting.class);
    private final Set<Channel> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile boolean admitting = true;
    private final ObjectMapper mapper;
    /** How long the admitted requests are waited for: Quarkus' shutdown timeout, which bounds its own wait too. */
    private final Duration admittedWait;

    @Inject
    StopAccepting(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "20S") Duration admittedWait) {
        this.mapper = mapper;
        this.admittedWait = admittedWait;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::admit);
    }

    void admit(RoutingContext context) {
        learnListener(context);
        // counted before the gate is read, so that stop() either waits for this request or this request sees the
        // gate closed (both sides use sequentially consistent volatile and atomic accesses)
        admitted.incrementAndGet();
        if (!admitting) {
            admitted.decrementAndGet();
            refuse(context);
            return;
        }
        context.addEndHandler(done -> admitted.decrementAndGet());
        context.next();
    }

    private void learnListener(RoutingContext context) {
        if (context.request().connection() instanceof ConnectionBase connection) {
            Channel parent = connection.channel().parent();
            if (parent != null && !listeners.contains(parent)) {
                listeners.add(parent);
            }
        }
    }

    private void refuse(RoutingContext context) {
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(503, "unavailable", "Service unavailable",
                    "The service is shutting down; this request was not processed and nothing was stored. Retry."));
        } catch (JsonProcessingException e) {
            body = "";
        }
        HttpServerResponse response = context.response().setStatusCode(503).putHeader("Retry-After", "1")
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (context.request().version() == HttpVersion.HTTP_2) {
            response.end(body);
        } else {
            response.putHeader(HttpHeaders.CONNECTION, "close").end(body)
                    .onComplete(written -> context.request().connection().close());
        }
    }

    /** Requests admitted and not yet answered: what a shutdown would wait for now. */
    int inProgress() {
        return admitted.get();
    }

    void stop(@Observes ShutdownDelayInitiatedEvent event) {
        for (Channel listener : listeners) {
            if (listener.isOpen()) {
                listener.close().awaitUninterruptibly(2000);
                LOG.infof("Stopped accepting connections on %s", listener.localAddress());
            }
        }
        admitting = false;
        int running = admitted.get();
        LOG.infof("Answering %d request(s) in progress; later requests are answered 503 without being processed",
                running);
        long deadline = System.nanoTime() + admittedWait.toNanos();
        while (admitted.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (admitted.get() > 0) {
            LOG.warnf("%d request(s) still unanswered after %s; stopping", admitted.get(), admittedWait);
        }
    }
}
