package org.consentledger.platform;

import io.netty.channel.Channel;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * On SIGTERM the service first stops accepting connections on its HTTP port, then answers everything it accepted.
 * Quarkus' graceful shutdown ({@code quarkus.shutdown.timeout}) waits for running requests and closes each keep-alive
 * connection after its next answer, but keeps the listening socket open until the very end: under steady load new
 * connections kept arriving, the wait ran into its timeout and the server then closed connections whose requests were
 * already committed (issue #14 item 12). Closing the listening socket right at the signal makes late clients get
 * "connection refused" (nothing sent, nothing stored: safe to retry, also for a load balancer) instead.
 *
 * <p>Vert.x 4 has no public "stop accepting" call, so the listening channels are learnt from the requests themselves
 * (the parent of a connection's channel) and closed by a JVM shutdown hook, which runs in parallel with Quarkus' own.
 */
@ApplicationScoped
public class StopAccepting {

    private static final Logger LOG = Logger.getLogger(StopAccepting.class);
    private final Set<Channel> listeners = ConcurrentHashMap.newKeySet();

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::learn);
    }

    void hook(@Observes StartupEvent event) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeListeners, "stop-accepting"));
    }

    void learn(RoutingContext context) {
        if (context.request().connection() instanceof ConnectionBase connection) {
            Channel parent = connection.channel().parent();
            if (parent != null && !listeners.contains(parent)) {
                listeners.add(parent);
            }
        }
        context.next();
    }

    void closeListeners() {
        for (Channel listener : listeners) {
            if (listener.isOpen()) {
                // bounded: the event loop may already be gone when Quarkus stopped first
                listener.close().awaitUninterruptibly(2000);
                LOG.infof("Stopped accepting connections on %s; answering the accepted ones", listener.localAddress());
            }
        }
    }
}
