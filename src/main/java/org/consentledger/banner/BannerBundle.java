package org.consentledger.banner;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The built banner script (banner-js/, bundled by the Maven build into {@code consentledger-banner/} on the
 * classpath) and its hash: SHA-256 (hex) of the bundle with the hash placeholder in place. The script sends
 * the same hash as {@code bannerHash} with every consent event, so an event names the code that produced it.
 */
@ApplicationScoped
public class BannerBundle {

    static final String DIRECTORY = "consentledger-banner/";

    private final byte[] script;
    private final byte[] site;
    private final byte[] settings;
    private final String hash;
    private final String siteHash;
    private final String settingsHash;
    private final long gzipBytes;

    public BannerBundle() {
        Properties meta = new Properties();
        try (InputStream js = resource("banner.js"); InputStream siteJs = resource("site.js");
             InputStream chunk = resource("settings.js"); InputStream props = resource("banner.properties")) {
            script = js.readAllBytes();
            site = siteJs.readAllBytes();
            settings = chunk.readAllBytes();
            meta.load(props);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hash = meta.getProperty("hash");
        siteHash = meta.getProperty("siteHash", "");
        settingsHash = meta.getProperty("settingsHash", "");
        gzipBytes = Long.parseLong(meta.getProperty("gzipBytes", "0"));
    }

    /** The code of the per-site script: the banner without the settings layer (the server puts the first-layer config in). */
    byte[] siteUnsafe() {
        return site;
    }

    /** Lower-case hex SHA-256 identifying this build of the per-site script's code (its events name it). */
    String siteHash() {
        return siteHash;
    }

    /** The settings chunk (settings-layer code; the server puts the site's full config in). */
    byte[] settingsUnsafe() {
        return settings;
    }

    /** Lower-case hex SHA-256 of the settings chunk. */
    String settingsHash() {
        return settingsHash;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DIRECTORY + name);
        if (in == null) {
            throw new IOException("banner bundle " + DIRECTORY + name
                    + " missing from the classpath: build with ./mvnw (generate-resources bundles banner-js/)");
        }
        return in;
    }

    /** The script as served. */
    public byte[] script() {
        return script.clone();
    }

    byte[] scriptUnsafe() {
        return script;
    }

    /** Lower-case hex SHA-256 identifying this build of the banner (also in the versioned URL). */
    public String hash() {
        return hash;
    }

    /** Gzipped size measured at build time. */
    public long gzipBytes() {
        return gzipBytes;
    }
}
