package org.consentledger.platform;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Makes the first use of the database at boot wait for the embedded MariaDB started in the background. Quarkus
 * migrates with Flyway before Hibernate ORM starts and before any start-up observer runs, and Flyway builds its
 * configuration (this customizer) before it opens a connection; the observer covers a start with
 * {@code quarkus.flyway.migrate-at-start=false}. With an external database nothing is pending and both return at once.
 */
@Singleton
public class AwaitEmbeddedDatabase implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        EmbeddedDatabaseStart.await();
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        EmbeddedDatabaseStart.await();
    }
}
