-- Tamper-evident consent ledger (docs/LEDGER.md). One append-only Merkle log per site.

-- Per-site head: the row the sealer locks (SELECT ... FOR UPDATE) so sealers of one site serialise
-- across instances while other sites and the ingest never wait on it.
CREATE TABLE ledger_head (
    site_id            BIGINT       NOT NULL PRIMARY KEY,
    tree_size          BIGINT       NOT NULL,
    root_hash          BINARY(32)   NOT NULL,
    checkpoint_id      BIGINT       NULL,
    -- every consent_event of the site with id <= this is sealed (lets the anti-join skip old rows)
    sealed_low_water   BIGINT       NOT NULL DEFAULT 0,
    -- leaves below this index were purged by retention; their hashes stay in ledger_tile
    purged_below       BIGINT       NOT NULL DEFAULT 0,
    updated_at         TIMESTAMP(6) NOT NULL,
    CONSTRAINT fk_ledger_head_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Recorded erasures (Art. 17): each one is itself a leaf of the site's log.
CREATE TABLE ledger_erasure (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    erasure_id      CHAR(36)     NOT NULL,
    site_id         BIGINT       NOT NULL,
    consent_ids     MEDIUMTEXT   NOT NULL,
    actor           VARCHAR(200) NOT NULL,
    recorded_at     TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_ledger_erasure_id UNIQUE (erasure_id),
    CONSTRAINT fk_ledger_erasure_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Leaf order: gapless leaf_index per site; exactly one of event_id / erasure_id is set.
CREATE TABLE ledger_leaf (
    site_id     BIGINT       NOT NULL,
    leaf_index  BIGINT       NOT NULL,
    event_id    BIGINT       NULL,
    erasure_id  BIGINT       NULL,
    sealed_at   TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (site_id, leaf_index),
    CONSTRAINT uq_ledger_leaf_event UNIQUE (event_id),
    CONSTRAINT uq_ledger_leaf_erasure UNIQUE (erasure_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Tree hashes in tiles of height 8 (C2SP tlog-tiles layout): tile (level, tile_index) holds the
-- concatenated 32-byte hashes of tree level 8*level, nodes 256*tile_index .. +255 (prefix if partial).
CREATE TABLE ledger_tile (
    site_id     BIGINT         NOT NULL,
    level       TINYINT        NOT NULL,
    tile_index  BIGINT         NOT NULL,
    hashes      VARBINARY(8192) NOT NULL,
    PRIMARY KEY (site_id, level, tile_index)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Signed checkpoints (C2SP tlog-checkpoint in a C2SP signed note), one per sealed batch.
CREATE TABLE ledger_checkpoint (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    site_id     BIGINT       NOT NULL,
    tree_size   BIGINT       NOT NULL,
    root_hash   BINARY(32)   NOT NULL,
    note        TEXT         NOT NULL,
    key_vkey    VARCHAR(300) NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_ledger_checkpoint_size UNIQUE (site_id, tree_size)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every verifier key that ever signed a checkpoint (old keys stay listed after a rotation).
CREATE TABLE ledger_key (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    vkey        VARCHAR(300) NOT NULL,
    first_used  TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_ledger_key UNIQUE (vkey)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The sealer's anti-join scans a site's events above its low-water mark.
CREATE INDEX ix_consent_site_id ON consent_event (site_id, id);
