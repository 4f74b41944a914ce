-- Console drafts are kept until they are published or discarded (no expiry any more): saving updates the same draft
-- (updated_at), and the editor offers the site's latest open draft again. Drafts saved before have no updated_at; the
-- code falls back to created_at. A small table, but named algorithms all the same (Galera, see MigrationGuardTest).
ALTER TABLE console_draft ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP(6) NULL, ALGORITHM=INSTANT;
CREATE INDEX IF NOT EXISTS ix_console_draft_site ON console_draft (site_id, updated_at) ALGORITHM=INPLACE LOCK=NONE;
