package org.consentledger.ledger;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.consentledger.platform.Conflicts;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checkpoint signing key (from config or a generated file) and every verifier key ever used. */
@Startup
@ApplicationScoped
public class LedgerKeys {

    private static final Logger LOG = Logger.getLogger(LedgerKeys.class);

    @Inject
    LedgerConfig config;
    @Inject
    DataSource dataSource;

    private NoteKeys.Signer signer;

    @PostConstruct
    void init() {
        signer = loadSigner(config);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO ledger_key (vkey, first_used) VALUES (?, ?)")) {
            ps.setString(1, signer.vkey());
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            Conflicts.retry(ps::executeUpdate); // two replicas starting at once on different Galera nodes
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register the ledger verifier key", e);
        }
        LOG.infof("Ledger checkpoints are signed with %s", signer.vkey());
    }

    static NoteKeys.Signer loadSigner(LedgerConfig config) {
        if (config.signingKey().isPresent() && !config.signingKey().get().isBlank()) {
            return NoteKeys.parseSigner(config.signingKey().get());
        }
        Path file = Path.of(config.signingKeyFile());
        try {
            if (Files.exists(file)) {
                return NoteKeys.parseSigner(Files.readString(file, StandardCharsets.UTF_8));
            }
            byte[] seed = new byte[32];
            new SecureRandom().nextBytes(seed);
            String text = NoteKeys.signerKey(config.keyName(), seed) + "\n";
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            // owner-only from creation on (never briefly readable under the umask), then moved into place
            java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            org.consentledger.operator.KeyFiles.writeOwnerOnly(tmp, text.getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("Generated a new ledger signing key in %s", file.toAbsolutePath());
            return NoteKeys.parseSigner(text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the ledger signing key " + file, e);
        }
    }

    public NoteKeys.Signer signer() {
        return signer;
    }

    /** Log origin of a site: {@code <key name>/<siteKey>}. */
    public String origin(String siteKey) {
        return signer.name() + "/" + siteKey;
    }

    /** Current key first, then earlier keys (configured or recorded), without duplicates. */
    public List<String> verifierKeys() {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        keys.put(signer.vkey(), true);
        config.previousVerifierKeys().ifPresent(list -> list.forEach(k -> keys.put(k.trim(), true)));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT vkey FROM ledger_key ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.put(rs.getString(1), true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(keys.keySet());
    }

    public List<NoteKeys.Verifier> verifiers() {
        List<NoteKeys.Verifier> out = new ArrayList<>();
        for (String k : verifierKeys()) {
            try {
                out.add(NoteKeys.parseVerifier(k));
            } catch (RuntimeException e) {
                LOG.warnf("Ignoring malformed verifier key %s", k);
            }
        }
        return out;
    }
}
