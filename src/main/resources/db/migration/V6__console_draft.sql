-- Console: unpublished banner-config drafts (the editor's working copy and what the live preview shows).
-- Kept in the database so every replica can serve the preview; drafts older than a day are deleted.
CREATE TABLE console_draft (
    id         CHAR(32)     NOT NULL PRIMARY KEY,
    site_id    BIGINT       NOT NULL,
    content    MEDIUMTEXT   NOT NULL,
    created_by VARCHAR(200) NOT NULL,
    created_at TIMESTAMP(6) NOT NULL,
    KEY ix_console_draft_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
