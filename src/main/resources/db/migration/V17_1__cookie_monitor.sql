-- Cookie monitor (issue 17): what real visits observe, aggregated per site, day and cookie name / third-party host.
-- No values, no visitor ids, no IPs: only names, hosts, page paths and counts.

-- Per-site setting: 1 in sample_rate page views reports (0 = off). Absent row = the default (consent.monitor.default-sample-rate).
CREATE TABLE monitor_setting (
    site_id     BIGINT       NOT NULL PRIMARY KEY,
    sample_rate INT          NOT NULL,
    updated_at  TIMESTAMP(6) NOT NULL,
    updated_by  VARCHAR(200) NULL,
    CONSTRAINT fk_monitor_setting_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per site, day, kind ('cookie' | 'host') and name. Rows older than consent.monitor.rollup-after-days are
-- merged into the row of the first day of their month (rolled_up = true). Beyond top-n names per site, day and kind,
-- new names count into the row named '(other)'. Example paths: newline-separated, at most 5 each.
CREATE TABLE monitor_observation (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    site_id        BIGINT        NOT NULL,
    day            DATE          NOT NULL,
    kind           VARCHAR(8)    NOT NULL,
    name           VARCHAR(255)  NOT NULL,
    seen_count     BIGINT        NOT NULL,
    before_count   BIGINT        NOT NULL,
    first_seen     TIMESTAMP(6)  NOT NULL,
    last_seen      TIMESTAMP(6)  NOT NULL,
    example_paths  VARCHAR(2600) NOT NULL DEFAULT '',
    before_paths   VARCHAR(2600) NOT NULL DEFAULT '',
    config_version INT           NOT NULL,
    rolled_up      BOOLEAN       NOT NULL DEFAULT FALSE,
    CONSTRAINT uq_monitor_obs UNIQUE (site_id, day, kind, name),
    CONSTRAINT fk_monitor_obs_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Names an operator decided not to track (with the reason; the decision is also in the audit trail).
CREATE TABLE monitor_ignore (
    id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    site_id    BIGINT        NOT NULL,
    kind       VARCHAR(8)    NOT NULL,
    name       VARCHAR(255)  NOT NULL,
    reason     VARCHAR(500)  NOT NULL,
    ignored_by VARCHAR(200)  NULL,
    ignored_at TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uq_monitor_ignore UNIQUE (site_id, kind, name),
    CONSTRAINT fk_monitor_ignore_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
