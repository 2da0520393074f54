-- 011: the life of a data-quality issue across nights, for `jixiao review show` and the alert digests.

-- One row per change of an issue: opened, values_changed, resolved, reopened, waived, waiver_lapsed.
CREATE TABLE IF NOT EXISTS dq_issue_events (
    issue_id        VARCHAR NOT NULL,
    run_id          VARCHAR,                -- NULL for a reviewer's action outside a run
    event           VARCHAR NOT NULL,
    report_id       VARCHAR,
    stated_value    VARCHAR,
    computed_value  VARCHAR,
    note            VARCHAR,
    happened_at     TIMESTAMP NOT NULL
);

-- An issue is alerted again only when its values change: the log keeps the values each alert showed.
ALTER TABLE dq_alert_log ADD COLUMN IF NOT EXISTS values_key VARCHAR;

-- Report fields' evidence (title year, filing date) keeps its page and box too, for the alert crops.
ALTER TABLE core_evidence ADD COLUMN IF NOT EXISTS page INTEGER;
ALTER TABLE core_evidence ADD COLUMN IF NOT EXISTS bbox VARCHAR;
