package org.consentledger.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the embedded MariaDB when no datasource URL is configured, then the service.
 */
@QuarkusMain
public class ConsentLedgerMain {

    /**
     * Quarkus answers a request target java.net.URI refuses with an empty 400 before any route; turned off so that
     * HttpGuard answers it as a problem (or a console page). Read once, when the HTTP layer's classes initialise.
     */
    static final String URI_VALIDATION = "vertx.disableURIValidation";

    public static void main(String... args) {
        if (System.getProperty(URI_VALIDATION) == null) {
            System.setProperty(URI_VALIDATION, "true");
        }
        if (args.length > 0 && "verify".equals(args[0])) {
            // command-line ledger verification (docs/LEDGER.md): no HTTP port, sealer or retention
            org.consentledger.ledger.VerifyCommand.prepare();
            EmbeddedDatabase.startIfNoDatasourceConfigured();
            Quarkus.run(org.consentledger.ledger.VerifyCommand.class, args);
            return;
        }
        EmbeddedDatabase.startIfNoDatasourceConfigured();
        Quarkus.run(args);
    }
}
