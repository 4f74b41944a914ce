-- Issue 15. Numbered 18_1 (not 15_1) so that it sorts after V16_1/V17_1, which landed first.
-- Idempotency-Key like the payment APIs (issue 15): a key is scoped per site and per endpoint ('consents' or
-- 'withdrawal') and stored with a fingerprint of the request (SHA-256 of method, path and canonical body), so the
-- same key with another request answers 422 instead of replaying someone else's answer.
ALTER TABLE consent_event
    ADD COLUMN idempotency_scope   VARCHAR(16) NULL AFTER idempotency_key,
    ADD COLUMN request_fingerprint CHAR(64)    NULL AFTER idempotency_scope;

UPDATE consent_event SET idempotency_scope = IF(method = 'withdraw', 'withdrawal', 'consents')
WHERE idempotency_key IS NOT NULL;

ALTER TABLE consent_event
    DROP INDEX uq_consent_idempotency,
    ADD CONSTRAINT uq_consent_idempotency UNIQUE (site_id, idempotency_scope, idempotency_key);
