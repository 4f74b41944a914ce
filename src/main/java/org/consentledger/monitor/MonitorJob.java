package org.consentledger.monitor;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Keeps the monitor's storage bounded: rolls old days up into months, purges what is past the site's retention. */
@ApplicationScoped
public class MonitorJob {

    private static final Logger LOG = Logger.getLogger(MonitorJob.class);

    @Inject
    MonitorStore store;
    @Inject
    MonitorConfig config;

    @Scheduled(every = "${consent.monitor.maintenance-interval:1h}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "monitor-maintenance")
    void run() {
        try {
            maintain(LocalDate.now(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            LOG.warnf("Cookie monitor maintenance failed (retried next time): %s", e.getMessage());
        }
    }

    /** Rolls up daily rows older than rollup-after-days before {@code today}; purges expired rows. */
    public void maintain(LocalDate today) {
        LocalDate before = today.minusDays(config.rollupAfterDays());
        int merged;
        do {
            merged = store.rollup(before);
        } while (merged > 0 && merged >= 5000);
        store.purgeExpired();
    }
}
