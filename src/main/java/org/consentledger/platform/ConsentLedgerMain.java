package org.consentledger.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the embedded MariaDB when no datasource URL is configured, then the service.
 */
@QuarkusMain
public class ConsentLedgerMain {

    public static void main(String... args) {
        EmbeddedDatabase.startIfNoDatasourceConfigured();
        Quarkus.run(args);
    }
}
