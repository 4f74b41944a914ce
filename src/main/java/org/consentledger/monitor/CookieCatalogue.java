package org.consentledger.monitor;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled cookie catalogue ({@code monitor/cookie-catalogue.tsv}, from the Open Cookie Database; NOTICE):
 * suggests provider, category and lifetime for a cookie name. Exact names win over prefix patterns; among
 * patterns the longest prefix wins.
 */
@ApplicationScoped
public class CookieCatalogue {

    static final String RESOURCE = "monitor/cookie-catalogue.tsv";

    /** A catalogue entry. {@code maxAge}: "session", an ISO-8601 lifetime, or "" when unknown. */
    public record Suggestion(String name, boolean wildcard, String platform, String category, String domain,
            String retention, String maxAge, String controller) {
    }

    private final Map<String, Suggestion> exact = new HashMap<>();
    private final List<Suggestion> prefixes = new ArrayList<>();

    public CookieCatalogue() {
        this(Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE));
    }

    CookieCatalogue(InputStream in) {
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " missing from the classpath");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 8) {
                    continue;
                }
                Suggestion s = new Suggestion(f[0], "1".equals(f[1]), f[2], f[3], f[4], f[5], f[6], f[7]);
                if (s.wildcard()) {
                    prefixes.add(s);
                } else {
                    exact.putIfAbsent(s.name(), s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        prefixes.sort((a, b) -> b.name().length() - a.name().length());
    }

    public Optional<Suggestion> lookup(String cookieName) {
        if (cookieName == null) {
            return Optional.empty();
        }
        Suggestion s = exact.get(cookieName);
        if (s != null) {
            return Optional.of(s);
        }
        for (Suggestion p : prefixes) {
            if (!p.name().isEmpty() && cookieName.startsWith(p.name())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public int size() {
        return exact.size() + prefixes.size();
    }
}
