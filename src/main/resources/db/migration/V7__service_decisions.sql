-- Per-service decisions of a consent event, e.g. an objection (Art. 21 GDPR) to a service under legitimate
-- interest: {"vercel-analytics": false}. RFC 8785 JSON like `decisions`; NULL when the request named none
-- (every event before this migration), so the ledger leaves of older events stay byte-identical.
ALTER TABLE consent_event ADD COLUMN service_decisions VARCHAR(4000) NULL;
