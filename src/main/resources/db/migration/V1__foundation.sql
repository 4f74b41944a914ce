-- Sites, immutable banner-config versions and immutable consent events.

CREATE TABLE site (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    site_key        VARCHAR(64)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    allowed_origins TEXT         NOT NULL,
    retention_days  INT          NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_site_key UNIQUE (site_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE config_version (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    site_id      BIGINT       NOT NULL,
    version      INT          NOT NULL,
    content      MEDIUMTEXT   NOT NULL,
    content_hash CHAR(64)     NOT NULL,
    published_at TIMESTAMP(6) NOT NULL,
    published_by VARCHAR(200) NULL,
    CONSTRAINT uq_config_site_version UNIQUE (site_id, version),
    CONSTRAINT fk_config_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE consent_event (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    consent_id          CHAR(36)     NOT NULL,
    site_id             BIGINT       NOT NULL,
    visitor_id          CHAR(36)     NULL,
    action              VARCHAR(16)  NOT NULL,
    method              VARCHAR(16)  NOT NULL,
    decisions           VARCHAR(2000) NOT NULL,
    config_version      INT          NOT NULL,
    config_hash         CHAR(64)     NOT NULL,
    language            VARCHAR(16)  NOT NULL,
    gpc                 BOOLEAN      NOT NULL,
    page_url            VARCHAR(2048) NULL,
    ip_truncated        VARCHAR(64)  NULL,
    user_agent          VARCHAR(256) NULL,
    banner_hash         VARCHAR(64)  NULL,
    idempotency_key     VARCHAR(128) NULL,
    personal_salt       BINARY(32)   NULL,
    personal_commitment BINARY(32)   NOT NULL,
    recorded_at         TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_consent_id UNIQUE (consent_id),
    CONSTRAINT uq_consent_idempotency UNIQUE (site_id, idempotency_key),
    CONSTRAINT fk_consent_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_consent_visitor ON consent_event (site_id, visitor_id, id);
CREATE INDEX ix_consent_time ON consent_event (site_id, recorded_at, id);
