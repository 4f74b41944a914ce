package org.consentledger.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names where a site's first-party cookies live, from its allowed origins: the standalone cookie declaration has no
 * page host to name (the banner names the page's own), so it names the site's hosts. A host under another listed host
 * is covered by it (www.example.com under example.com); local development hosts count only when there is nothing else.
 */
public final class FirstPartyHosts {

    private static final Pattern LOOPBACK = Pattern.compile("localhost|.*\\.localhost|127(\\.\\d{1,3}){3}|\\[::1]");

    private FirstPartyHosts() {
    }

    /** "example.com", or several hosts joined by ", " in the order given; null when no origin names a host. */
    public static String of(List<String> allowedOrigins) {
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> local = new LinkedHashSet<>();
        for (String origin : allowedOrigins == null ? List.<String>of() : allowedOrigins) {
            String host = host(origin);
            if (host != null) {
                (LOOPBACK.matcher(host).matches() ? local : hosts).add(host);
            }
        }
        Set<String> named = hosts.isEmpty() ? local : hosts;
        named.removeIf(host -> named.stream().anyMatch(parent -> host.endsWith("." + parent)));
        return named.isEmpty() ? null : String.join(", ", named);
    }

    /** The host of an origin pattern (https://example.com, http://localhost:*), lower case; null if it has none. */
    static String host(String origin) {
        if (origin == null) {
            return null;
        }
        try {
            String host = new URI(origin.endsWith(":*") ? origin.substring(0, origin.length() - 2) : origin).getHost();
            return host == null || host.isBlank() ? null : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
