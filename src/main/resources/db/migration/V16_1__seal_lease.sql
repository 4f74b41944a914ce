-- One sealer per site at a time across instances and Galera nodes (issue 16, docs/LEDGER.md "Sealing and
-- concurrency"). SELECT ... FOR UPDATE on ledger_head only locks on the node it runs on; this lease row is taken
-- by an UPDATE that commits through the cluster, so of two sealers racing on different nodes one wins
-- certification and the other sees the lease held (or loses with a conflict) and leaves the site alone.
CREATE TABLE ledger_seal_lease (
    site_id     BIGINT       NOT NULL PRIMARY KEY,
    -- the sealing instance (a random id per process)
    owner       VARCHAR(64)  NOT NULL,
    expires_at  TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
