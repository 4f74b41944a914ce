package org.consentledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged app behind Debian's nginx as the reverse proxy (issue #14 item 1). nginx connects from 127.0.0.2,
 * the only trusted proxy; it replaces X-Forwarded-For with the client's address. Clients are told apart by the local
 * address their socket is bound to (127.0.1.5, 127.0.2.5, 127.0.3.5: three different /24 networks).
 */
class BehindNginxIT {

    private static final String SITE = "kommunikationstrainer";
    private static final String ADMIN_PASSWORD = "it-proxy-admin-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void clientsBehindTheProxyAreToldApartAndDirectClientsCannotSpoof() throws Exception {
        Path dataDir = Files.createTempDirectory("consent-ledger-it-proxy-").resolve("db");
        Map<String, String> env = Map.of(
                "CONSENT_EMBEDDED_DB_DATA_DIR", dataDir.toString(),
                "CONSENT_EMBEDDED_DB_PORT", Integer.toString(PackagedApp.freePort()),
                "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.2",
                "CONSENT_RATE_LIMIT_CONSENT_CAPACITY", "3",
                "CONSENT_RATE_LIMIT_CONSENT_REFILL_PER_MINUTE", "1",
                "CONSENT_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "CONSENT_LEDGER_SIGNING_KEY_FILE", dataDir.getParent().resolve("ledger.key").toString(),
                "CONSENT_AUTH_KEY_DIR", dataDir.getParent().resolve("keys").toString());
        try (PackagedApp app = PackagedApp.start("behind-nginx", env)) {
            int plain = PackagedApp.freePort();
            int tls = PackagedApp.freePort();
            String upstream = "proxy_pass http://127.0.0.1:" + app.port() + "; proxy_bind 127.0.0.2; "
                    + "proxy_set_header Host $http_host; proxy_set_header X-Forwarded-For $remote_addr; ";
            String servers = "  server { listen 127.0.0.1:" + plain + "; location / { " + upstream
                    + "proxy_set_header X-Forwarded-Proto $scheme; } }\n"
                    // stands for a TLS-terminating proxy: what reaches the app is plain HTTP with X-Forwarded-Proto https
                    + "  server { listen 127.0.0.1:" + tls + "; location / { " + upstream
                    + "proxy_set_header X-Forwarded-Proto https; proxy_set_header X-Forwarded-Port $server_port; } }\n";
            try (Nginx nginx = Nginx.start(servers, plain, tls)) {
                // client A (127.0.1.5) through the proxy, trying to pose as 10.9.9.9: the proxy replaces the header
                String visitorA = UUID.randomUUID().toString();
                for (int i = 0; i < 3; i++) {
                    RawHttp.Response r = consent("127.0.1.5", plain, visitorA, Map.of("X-Forwarded-For", "10.9.9." + i));
                    assertEquals(201, r.status(), r.body());
                }
                assertEquals(429, consent("127.0.1.5", plain, visitorA, Map.of()).status(), "A's bucket is empty");
                // client B (127.0.2.5) through the same proxy has its own bucket
                String visitorB = UUID.randomUUID().toString();
                RawHttp.Response b = consent("127.0.2.5", plain, visitorB, Map.of());
                assertEquals(201, b.status(), "B is not limited by A's requests: " + b.body());
                // a direct client (127.0.3.5, not a trusted proxy) claiming to be 10.8.8.8 is taken for itself
                String visitorC = UUID.randomUUID().toString();
                RawHttp.Response c = consent("127.0.3.5", app.port(), visitorC,
                        Map.of("X-Forwarded-For", "10.8.8.8", "X-Forwarded-Proto", "https"));
                assertEquals(201, c.status(), c.body());

                String token = adminToken(app.port());
                assertEquals("127.0.1.0", storedIp(app.port(), token, visitorA));
                assertEquals("127.0.2.0", storedIp(app.port(), token, visitorB));
                assertEquals("127.0.3.0", storedIp(app.port(), token, visitorC));

                // X-Forwarded-Proto https from the proxy: the snippet operators paste uses https
                Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
                RawHttp.Response page = RawHttp.send("127.0.1.5", tls, "GET", "/console/site?site=" + SITE, auth, null);
                assertEquals(200, page.status(), page.body());
                assertTrue(page.body().contains("https://127.0.0.1:" + tls + "/sites/" + SITE + "/cookie-policy.js"),
                        "https snippet behind a TLS-terminating proxy: " + snippet(page.body()));
                assertFalse(page.body().contains("http://127.0.0.1:" + tls + "/sites/"), "no http:// links");
                // the same header from a direct client is ignored
                RawHttp.Response direct = RawHttp.send("127.0.3.5", app.port(), "GET", "/console/site?site=" + SITE,
                        Map.of("Authorization", "Bearer " + token, "X-Forwarded-Proto", "https"), null);
                assertEquals(200, direct.status());
                assertTrue(direct.body().contains("http://127.0.0.1:" + app.port() + "/sites/" + SITE + "/cookie-policy.js"),
                        "a direct client cannot switch the scheme: " + snippet(direct.body()));
            }
        }
    }

    private static RawHttp.Response consent(String from, int port, String visitor, Map<String, String> extra)
            throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>(extra);
        headers.put("Content-Type", "application/json");
        return RawHttp.send(from, port, "POST", "/api/v1/sites/" + SITE + "/consents", headers,
                "{\"visitorId\":\"" + visitor + "\",\"configVersion\":1,\"decisions\":{\"essential\":true,"
                        + "\"analytics\":false},\"method\":\"reject-all\",\"language\":\"de\"}");
    }

    private static String snippet(String body) {
        int at = body.indexOf("cookie-policy.js");
        return at < 0 ? body : body.substring(Math.max(0, at - 120), at + 20);
    }

    private static String adminToken(int port) throws Exception {
        RawHttp.Response r = RawHttp.send("127.0.0.1", port, "POST", "/api/v1/auth/token",
                Map.of("Content-Type", "application/json"),
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private static String storedIp(int port, String token, String visitor) throws Exception {
        RawHttp.Response r = RawHttp.send("127.0.0.1", port, "GET", "/api/v1/admin/sites/" + SITE + "/consents?visitor=" + visitor,
                Map.of("Authorization", "Bearer " + token), null);
        assertEquals(200, r.status(), r.body());
        JsonNode items = JSON.readTree(r.body()).path("items");
        assertTrue(items.size() >= 1, r.body());
        String ip = items.get(0).path("ipTruncated").asText();
        items.forEach(item -> assertEquals(ip, item.path("ipTruncated").asText(), "every request of one client"));
        return ip;
    }
}
