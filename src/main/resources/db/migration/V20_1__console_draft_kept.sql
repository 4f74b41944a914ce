-- Console drafts are kept until they are published or discarded (no expiry any more): saving updates the same draft,
-- and the editor offers the site's latest open draft again.
ALTER TABLE console_draft ADD COLUMN updated_at TIMESTAMP(6) NULL;
UPDATE console_draft SET updated_at = created_at;
ALTER TABLE console_draft ADD KEY ix_console_draft_site (site_id, updated_at);
