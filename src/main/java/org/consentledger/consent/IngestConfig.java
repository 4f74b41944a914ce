package org.consentledger.consent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the consent ingest (group commit). */
@ConfigMapping(prefix = "consent.ingest")
public interface IngestConfig {

    /** Requests waiting to be written; when full, new requests get 503 with Retry-After. */
    @WithDefault("10000")
    int queueCapacity();

    /** Most events written in one transaction. */
    @WithDefault("500")
    int maxBatchSize();

    /**
     * Writer threads; each commits its own batches. Unset: 1 on a Galera node (fewer, larger write sets: every node
     * certifies and applies each one; docs/PERFORMANCE.md "Galera ingest"), 2 on a plain server.
     */
    Optional<Integer> writers();

    /** Largest accepted request body of the visitor API, in bytes (bigger bodies get 413). */
    @WithDefault("16384")
    int maxBodyBytes();
}
