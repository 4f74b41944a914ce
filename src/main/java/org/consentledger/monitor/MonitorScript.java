package org.consentledger.monitor;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The built monitor bundle ({@code consentledger-banner/monitor.js}, from banner-js/src/monitor.js). */
@ApplicationScoped
public class MonitorScript {

    static final String RESOURCE = "consentledger-banner/monitor.js";
    static final String PLACEHOLDER = "__CL_MONITOR_RATE__";

    private final String script;

    public MonitorScript() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath: build with ./mvnw");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script for a site sampling 1 in {@code rate} page views; with 0 a script that does nothing. */
    public String forRate(int rate) {
        return rate <= 0 ? "/* Consent Ledger cookie monitor: off for this site */\n" : script.replace(PLACEHOLDER, Integer.toString(rate));
    }
}
