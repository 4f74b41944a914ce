-- Statistics roll-up kept up to date incrementally, and tracking of data-subject requests (GDPR Art. 12(3)).

-- Statistics roll-up, replacing operator_stats_day / operator_stats_day_done of V3 (whole closed days only).
-- New tables rather than a change to the old ones, so the previous release keeps working on this schema during a
-- rolling update (docs/DEPLOY.md, section 9); the V3 tables are no longer used and are dropped in a later release.
-- The new roll-up is computed from the events on first use.
CREATE TABLE operator_stats_rollup (
    site_id     BIGINT       NOT NULL,
    day         DATE         NOT NULL,
    category    VARCHAR(64)  NOT NULL,
    accepted    BIGINT       NOT NULL,
    rejected    BIGINT       NOT NULL,
    partial     BIGINT       NOT NULL,
    withdrawn   BIGINT       NOT NULL,
    PRIMARY KEY (site_id, day, category)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Per site: every event recorded before counted_until is counted in operator_stats_rollup (whole days and the
-- part of the current day alike).
CREATE TABLE operator_stats_watermark (
    site_id       BIGINT       NOT NULL PRIMARY KEY,
    counted_until TIMESTAMP(6) NOT NULL,
    updated_at    TIMESTAMP(6) NOT NULL,
    CONSTRAINT fk_stats_watermark_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A data-subject request (access Art. 15/20, erasure Art. 17) and its one-month deadline (Art. 12(3)).
-- No requester name or contact: identity checks and correspondence happen outside; the visitor id is the
-- pseudonymous banner id, and it is removed when an erasure request is carried out (erasure_id remains).
CREATE TABLE dsr_request (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    site_id      BIGINT       NOT NULL,
    visitor_id   VARCHAR(64)  NULL,
    kind         VARCHAR(16)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    received_at  TIMESTAMP(6) NOT NULL,
    due_at       TIMESTAMP(6) NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    completed_at TIMESTAMP(6) NULL,
    completed_by VARCHAR(200) NULL,
    erasure_id   CHAR(36)     NULL,
    CONSTRAINT fk_dsr_request_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_dsr_request_site ON dsr_request (site_id, id);
CREATE INDEX ix_dsr_request_open ON dsr_request (site_id, status, due_at);
CREATE INDEX ix_dsr_request_visitor ON dsr_request (site_id, visitor_id, status);

-- Consent-log pages filtered by action or method: an exact range per (action | method) in time order, so a rare or
-- absent value no longer scans the site's whole time index (queries name their index: see ConsentLogFilter).
CREATE INDEX ix_consent_action ON consent_event (site_id, action, recorded_at, id);
CREATE INDEX ix_consent_method ON consent_event (site_id, method, recorded_at, id);
