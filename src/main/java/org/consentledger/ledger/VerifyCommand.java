package org.consentledger.ledger;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.QuarkusApplication;

/**
 * Command-line mode: {@code java -jar target/quarkus-app/quarkus-run.jar verify <siteKey>...}. Starts the
 * application without HTTP port, sealer or retention, verifies each site's log, prints progress and the
 * result, and exits 0 (all OK), 1 (a log failed verification) or 2 (usage or runtime error).
 */
public class VerifyCommand implements QuarkusApplication {

    /** Settings applied before Quarkus boots in verify mode. */
    public static void prepare() {
        System.setProperty("quarkus.http.port", "0");
        System.setProperty("quarkus.http.host", "127.0.0.1");
        // nor a management port (a running service on the same machine already has 9000)
        System.setProperty("quarkus.management.port", "0");
        System.setProperty("quarkus.management.host", "127.0.0.1");
        System.setProperty("consent.ledger.sealer-enabled", "false");
        System.setProperty("consent.ledger.retention-enabled", "false");
        System.setProperty("consent.demo.enabled", "false");
        System.setProperty("consent.stats.rollup-every", "off"); // a statistics roll-up would compete for the database
        System.setProperty("consent.ledger.checkpoint-thinning-interval", "off");
    }

    @Override
    public int run(String... args) {
        if (args.length < 2) {
            System.err.println("usage: java -jar quarkus-run.jar verify <siteKey> [<siteKey>...]");
            return 2;
        }
        VerificationService verifier = Arc.container().instance(VerificationService.class).get();
        int exit = 0;
        for (int i = 1; i < args.length; i++) {
            String siteKey = args[i];
            long[] lastPrint = {0};
            try {
                VerificationService.Result r = verifier.verify(siteKey, (done, total) -> {
                    long now = System.nanoTime();
                    if (now - lastPrint[0] > 1_000_000_000L || done.equals(total)) {
                        lastPrint[0] = now;
                        System.out.printf("verify %s: %d / %d leaves%n", siteKey, done, total);
                    }
                });
                System.out.println(r.summary());
                if (!r.ok()) {
                    exit = Math.max(exit, 1);
                }
            } catch (RuntimeException e) {
                System.out.println("ERROR: site " + siteKey + ": " + e.getMessage());
                exit = 2;
            }
        }
        return exit;
    }
}
