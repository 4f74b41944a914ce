package org.consentledger.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.platform.Conflicts;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the seed sites from {@code examples/sites} (on the classpath as {@code demo-sites/}) on start,
 * if they do not exist yet. On by default with the embedded database; in that mode their allowed
 * origins also include any localhost port.
 */
@ApplicationScoped
public class DemoSites {

    private static final Logger LOG = Logger.getLogger(DemoSites.class);
    static final List<String> LOCAL_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*");

    @ConfigMapping(prefix = "consent.demo")
    public interface DemoConfig {
        /** Load the demo sites on start. Defaults to on when the embedded database runs, else off. */
        @WithDefault("${consent.embedded-db.active:false}")
        boolean enabled();

        /** Which seed sites to load (file names in examples/sites without .json). */
        @WithDefault("kommunikationstrainer,immmr,kibox")
        List<String> sites();
    }

    @Inject
    DemoConfig config;

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @Inject
    ObjectMapper mapper;

    /** Demo sites loaded on this start, logged with the real port once the HTTP server listens. */
    private final List<String> loaded = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The port the HTTP server really listens on (0 until it does); the sites are named once both are known. */
    private int port;
    private boolean started;
    private boolean announced;

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            // replicas starting at once on different Galera nodes may conflict; the loser finds the site on retry
            config.sites().forEach(key -> {
                for (int attempt = 1; ; attempt++) {
                    try {
                        load(key);
                        return;
                    } catch (RuntimeException e) {
                        if (attempt >= Conflicts.ATTEMPTS || !Conflicts.isConflict(e)) {
                            throw e;
                        }
                        Conflicts.pause(attempt);
                    }
                }
            });
        }
        synchronized (this) {
            started = true;
        }
        announce();
    }

    /**
     * Quarkus fires HttpServerStart asynchronously once the server listens, with the port it really bound (also when
     * configured as 0), so a plain {@code @Observes} never sees it.
     */
    void onHttpStart(@ObservesAsync HttpServerStart start) {
        if (start.options().isSsl()) {
            return;
        }
        int bound = start.options().getPort();
        if (bound <= 0) {
            // configured as 0 (a random port, as in tests): the options keep the 0; the bound port is registered
            // as configuration before this event
            org.eclipse.microprofile.config.Config c = org.eclipse.microprofile.config.ConfigProvider.getConfig();
            bound = (io.quarkus.runtime.LaunchMode.current().isDevOrTest()
                    ? c.getOptionalValue("quarkus.http.test-port", Integer.class) : java.util.Optional.<Integer>empty())
                    .filter(p -> p > 0).or(() -> c.getOptionalValue("quarkus.http.port", Integer.class)).orElse(0);
        }
        synchronized (this) {
            port = bound;
        }
        announce();
    }

    private synchronized void announce() {
        if (announced || !started || port <= 0) {
            return;
        }
        announced = true;
        loaded.forEach(siteKey -> LOG.infof("Loaded demo site %s: try http://localhost:%d/demo/%s", siteKey, port, siteKey));
    }

    /** Creates the demo site and publishes its config unless the site exists already. */
    public void load(String siteKey) {
        if (sites.findByKey(siteKey).isPresent()) {
            loaded.add(siteKey);
            return;
        }
        try (InputStream in = DemoSites.class.getClassLoader().getResourceAsStream("demo-sites/" + siteKey + ".json")) {
            if (in == null) {
                LOG.warnf("No demo site named %s", siteKey);
                return;
            }
            JsonNode demo = mapper.readTree(in);
            List<String> origins = new ArrayList<>();
            demo.path("allowedOrigins").forEach(o -> origins.add(o.asText()));
            origins.addAll(LOCAL_ORIGINS);
            sites.create(siteKey, demo.path("name").asText(), origins, demo.path("retentionDays").asInt(SiteService.DEFAULT_RETENTION_DAYS));
            configs.publish(siteKey, demo.path("config"), "demo-loader");
            loaded.add(siteKey);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read demo site " + siteKey, e);
        }
    }
}
