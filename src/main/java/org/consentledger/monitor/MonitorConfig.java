package org.consentledger.monitor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the cookie monitor (docs/BANNER.md "Cookie monitor", docs/CONSOLE.md). */
@ConfigMapping(prefix = "consent.monitor")
public interface MonitorConfig {

    /** Sampling rate of a site without its own setting: 1 in this many page views reports (0 = off). */
    @WithDefault("20")
    int defaultSampleRate();

    /** Most distinct names (and hosts) stored per site, day and kind; further new ones count as "(other)". */
    @WithDefault("200")
    int topN();

    /** Daily rows older than this many days are merged into one row per month. */
    @WithDefault("7")
    int rollupAfterDays();

    /** How often the roll-up and the retention purge (a site's consent-log retention) run. */
    @WithDefault("1h")
    String maintenanceInterval();
}
