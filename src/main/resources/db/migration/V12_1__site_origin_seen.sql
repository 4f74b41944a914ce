-- Installation check (console "Install" page): which origins fetched a site's banner configuration, and which
-- origins were refused by CORS. Origins only (no visitor data); written in batches by InstallCheck.
CREATE TABLE site_origin_seen (
    site_id    BIGINT       NOT NULL,
    origin     VARCHAR(255) NOT NULL,
    allowed    BOOLEAN      NOT NULL,
    first_seen TIMESTAMP(3) NOT NULL,
    last_seen  TIMESTAMP(3) NOT NULL,
    hits       BIGINT       NOT NULL,
    PRIMARY KEY (site_id, allowed, origin),
    KEY ix_site_origin_seen_last (last_seen)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
