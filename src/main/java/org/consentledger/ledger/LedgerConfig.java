package org.consentledger.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** consent.ledger.* configuration (documented in application.properties and docs/LEDGER.md). */
@ConfigMapping(prefix = "consent.ledger")
public interface LedgerConfig {

    /** Signer key text "PRIVATE+KEY+name+hash+base64" (e.g. from a Kubernetes secret); wins over the file. */
    Optional<String> signingKey();

    /** File holding the signer key; generated with a fresh key (mode 600) when missing. */
    @WithDefault("data/ledger-signing.key")
    String signingKeyFile();

    /** Key name used when a key is generated; also the prefix of every log origin. */
    @WithDefault("consent-ledger.local")
    String keyName();

    /** Verifier keys (vkey format) of earlier signing keys, still accepted and listed after a rotation. */
    Optional<List<String>> previousVerifierKeys();

    /** Whether this instance runs the sealer. */
    @WithDefault("true")
    boolean sealerEnabled();

    /**
     * Idle poll of the sealer: how soon events committed by other instances (or written around the service) are
     * sealed when this instance ingests nothing. This instance's own commits wake the sealer at once.
     */
    @WithDefault("500ms")
    Duration sealInterval();

    /**
     * Pause after a sealing pass that appended leaves, before the next one: under continuous traffic it bounds a
     * site's signed checkpoints to about one per pause (plus the pass's own time).
     */
    @WithDefault("200ms")
    Duration sealPause();

    /** Retention purge period (read by the @Scheduled expression). */
    @WithDefault("1h")
    String retentionInterval();

    /**
     * A sealing pass looks for unsealed events recorded in the last this many seconds (through the time index); a
     * rescan every {@link #sealRescanInterval()}, on its own thread, looks at everything above the low-water mark.
     */
    @WithDefault("3")
    int sealRecentSeconds();

    /** How often everything above the low-water mark is rescanned for events that committed late (and the mark moved). */
    @WithDefault("10s")
    Duration sealRescanInterval();

    /** Maximum events sealed per site in one transaction. */
    @WithDefault("5000")
    int sealBatch();

    /**
     * How long a sealer's lease on a site lasts (ledger_seal_lease: one sealer per site across instances and Galera
     * nodes); renewed at half of it while the holder seals, taken over by another instance once it has expired.
     */
    @WithDefault("10s")
    Duration sealLease();

    /**
     * Leaves the retention purge deletes per transaction (bounded write sets on Galera; {@code purged_below} advances
     * with every chunk).
     */
    @WithDefault("5000")
    int retentionChunk();

    /** Seconds an ingest transaction may take between recorded_at and commit; the sealer's scan window. */
    @WithDefault("60")
    int ingestGraceSeconds();

    /**
     * Stored checkpoints younger than this all stay; older ones are thinned to the last per minute, and after a
     * day to the last per hour (CheckpointHistory). Runs with the retention purge.
     */
    @WithDefault("10m")
    Duration checkpointsKeepAll();

    /** Checkpoint thinning period (read by the @Scheduled expression). */
    @WithDefault("10m")
    String checkpointThinningInterval();

    /** Whether the retention purge (and checkpoint thinning) runs on this instance. */
    @WithDefault("true")
    boolean retentionEnabled();
}
