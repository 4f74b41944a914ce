-- Operator accounts, the append-only audit trail, daily statistics roll-up and the indexes the
-- operator queries need (consent-log pages, exports, statistics).

CREATE TABLE operator_account (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    roles         VARCHAR(200) NOT NULL,
    sites         TEXT         NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL,
    updated_at    TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_operator_account_username UNIQUE (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Insert-only: the application never updates or deletes rows of this table.
CREATE TABLE operator_audit (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    occurred_at  TIMESTAMP(6)  NOT NULL,
    actor        VARCHAR(200)  NOT NULL,
    action       VARCHAR(64)   NOT NULL,
    site_key     VARCHAR(64)   NULL,
    target       VARCHAR(300)  NULL,
    details      TEXT          NULL,
    ip_truncated VARCHAR(64)   NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_operator_audit_time ON operator_audit (occurred_at, id);
CREATE INDEX ix_operator_audit_site ON operator_audit (site_key, id);
CREATE INDEX ix_operator_audit_actor ON operator_audit (actor, id);

-- Closed days' aggregates per site and category (consent events are immutable, so a closed day never changes).
CREATE TABLE operator_stats_day (
    site_id     BIGINT       NOT NULL,
    day         DATE         NOT NULL,
    category    VARCHAR(64)  NOT NULL,
    accepted    BIGINT       NOT NULL,
    rejected    BIGINT       NOT NULL,
    partial     BIGINT       NOT NULL,
    withdrawn   BIGINT       NOT NULL,
    PRIMARY KEY (site_id, day, category)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Days of a site whose roll-up is complete (a day with no events has a marker but no category rows).
CREATE TABLE operator_stats_day_done (
    site_id     BIGINT       NOT NULL,
    day         DATE         NOT NULL,
    computed_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (site_id, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
