package org.consentledger.platform;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Readiness of the database with a time bound (replaces Quarkus' own datasource check, which waits as long as the
 * socket timeout when the server hangs). The check runs on its own thread; when it has no result within
 * {@code consent.health.timeout} the probe answers DOWN at once. While one check still hangs, later probes wait for
 * that same check instead of piling up more blocked threads.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String NAME = "Database connections health check";

    private static final ExecutorService CHECKS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "readiness-check");
        t.setDaemon(true);
        return t;
    });

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "consent.health.timeout", defaultValue = "3S")
    Duration timeout;

    private final Bound bound = new Bound(NAME);

    @Override
    public HealthCheckResponse call() {
        return bound.call(this::check, timeout);
    }

    private HealthCheckResponse check() {
        try (Connection c = dataSource.getConnection()) {
            int seconds = (int) Math.max(1, timeout.toSeconds());
            return c.isValid(seconds) ? HealthCheckResponse.up(NAME)
                    : HealthCheckResponse.named(NAME).down().withData("error", "the connection is not valid").build();
        } catch (Exception e) {
            return HealthCheckResponse.named(NAME).down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    static HealthCheckResponse await(String name, CompletableFuture<HealthCheckResponse> result, Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return HealthCheckResponse.named(name).down()
                    .withData("error", "the database did not answer within " + timeout.toSeconds() + " s").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named(name).down().withData("error", "interrupted").build();
        } catch (ExecutionException e) {
            return HealthCheckResponse.named(name).down().withData("error", String.valueOf(e.getCause())).build();
        }
    }

    /** Bounds another readiness check the same way (each caller keeps its own single-flight future). */
    static final class Bound {
        private final String name;
        private CompletableFuture<HealthCheckResponse> running;

        Bound(String name) {
            this.name = name;
        }

        HealthCheckResponse call(Supplier<HealthCheckResponse> check, Duration timeout) {
            CompletableFuture<HealthCheckResponse> current;
            synchronized (this) {
                if (running == null || running.isDone()) {
                    running = CompletableFuture.supplyAsync(check, CHECKS);
                }
                current = running;
            }
            return await(name, current, timeout);
        }
    }

    static {
        // keep the pool's idle threads from accumulating after an outage
        if (CHECKS instanceof java.util.concurrent.ThreadPoolExecutor pool) {
            pool.setKeepAliveTime(30, TimeUnit.SECONDS);
        }
    }
}
