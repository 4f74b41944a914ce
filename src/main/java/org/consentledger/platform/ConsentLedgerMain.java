package org.consentledger.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the embedded MariaDB when no datasource URL is configured, then the service.
 */
@QuarkusMain
public class ConsentLedgerMain {

    public static void main(String... args) {
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
