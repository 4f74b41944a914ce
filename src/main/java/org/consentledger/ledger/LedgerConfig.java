package org.consentledger.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

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

    /** Sealer period (read by the @Scheduled expression). */
    @WithDefault("1s")
    String sealInterval();

    /** Retention purge period (read by the @Scheduled expression). */
    @WithDefault("1h")
    String retentionInterval();

    /** Maximum events sealed per site in one transaction. */
    @WithDefault("5000")
    int sealBatch();

    /** Seconds an ingest transaction may take between recorded_at and commit; the sealer's scan window. */
    @WithDefault("60")
    int ingestGraceSeconds();

    /** Whether the retention purge runs on this instance. */
    @WithDefault("true")
    boolean retentionEnabled();

    /** GET /api/v1/admin/sites/{siteKey}/ledger/verify is reachable (until operator auth protects it). */
    @WithName("verify-endpoint-enabled")
    @WithDefault("false")
    boolean verifyEndpointEnabled();
}
