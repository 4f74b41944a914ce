-- Revocable sessions (#14): every token carries its account's token_version ("tv" claim); disabling, role/site
-- changes, password changes and logout increment it, which invalidates every earlier token on every replica.
ALTER TABLE operator_account ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;
