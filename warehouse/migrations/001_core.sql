-- 001: core tables. Every loaded row carries its load_id (the run that loaded it).
CREATE TABLE IF NOT EXISTS runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    inbox         VARCHAR,
    status        VARCHAR NOT NULL,          -- running | completed | failed
    files_seen    INTEGER DEFAULT 0,
    loaded        INTEGER DEFAULT 0,
    skipped       INTEGER DEFAULT 0,
    quarantined   INTEGER DEFAULT 0,
    rules_run     INTEGER DEFAULT 0,
    rules_failed  INTEGER DEFAULT 0,
    summary_json  VARCHAR
);

CREATE TABLE IF NOT EXISTS ingest_log (
    run_id        VARCHAR NOT NULL,
    source_file   VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    size_bytes    BIGINT,
    media_type    VARCHAR,
    outcome       VARCHAR NOT NULL,          -- loaded | skipped | quarantined
    report_id     VARCHAR,
    error_class   VARCHAR,
    reason_zh     VARCHAR,
    reason_en     VARCHAR,
    logged_at     TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS core_reports (
    report_id          VARCHAR PRIMARY KEY,   -- sha256 of the source file, first 16 hex digits
    report_key         VARCHAR NOT NULL,      -- division code | department | fiscal year | kind
    version            INTEGER NOT NULL,
    is_current         BOOLEAN NOT NULL,
    superseded_by      VARCHAR,
    facts_fingerprint  VARCHAR NOT NULL,
    load_id            VARCHAR NOT NULL,
    source_file        VARCHAR NOT NULL,
    sha256             VARCHAR NOT NULL,
    media_type         VARCHAR,
    pages              INTEGER,
    attachments        VARCHAR,
    department         VARCHAR,
    unit               VARCHAR,
    province           VARCHAR,
    city               VARCHAR,
    county             VARCHAR,
    division_code      VARCHAR,
    admin_level        VARCHAR,
    fiscal_year        INTEGER,
    title_year         INTEGER,
    fiscal_year_source VARCHAR,
    filing_date        DATE,
    preparer           VARCHAR,
    phone              VARCHAR,
    self_eval_score    DECIMAL(7, 2),
    grade_stated       VARCHAR,
    report_kind        VARCHAR,
    warnings           VARCHAR,               -- JSON list
    loaded_at          TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS core_evidence (
    report_id   VARCHAR NOT NULL,
    field       VARCHAR NOT NULL,
    raw_text    VARCHAR,
    locator     VARCHAR,
    load_id     VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS core_budget_lines (
    report_id    VARCHAR NOT NULL,
    line_no      INTEGER NOT NULL,
    category     VARCHAR NOT NULL,
    phase        VARCHAR NOT NULL,
    amount_yuan  DECIMAL(20, 2),
    unit         VARCHAR,
    source       VARCHAR,
    subject      VARCHAR,
    raw_text     VARCHAR,
    locator      VARCHAR,
    page         INTEGER,
    line_start   INTEGER,
    table_no     INTEGER,
    row_no       INTEGER,
    col_no       INTEGER,
    load_id      VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS core_projects (
    report_id        VARCHAR NOT NULL,
    line_no          INTEGER NOT NULL,
    name             VARCHAR NOT NULL,
    initial_yuan     DECIMAL(20, 2),
    adjustment_yuan  DECIMAL(20, 2),
    full_year_yuan   DECIMAL(20, 2),
    executed_yuan    DECIMAL(20, 2),
    stated_rate      DECIMAL(12, 6),
    score            DECIMAL(7, 2),
    unit             VARCHAR,
    funding          VARCHAR,
    raw_text         VARCHAR,
    locator          VARCHAR,
    load_id          VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS core_indicators (
    report_id       VARCHAR NOT NULL,
    line_no         INTEGER NOT NULL,
    owner           VARCHAR NOT NULL,
    level1          VARCHAR,
    level2          VARCHAR,
    level3          VARCHAR NOT NULL,
    canonical_code  VARCHAR,
    target_raw      VARCHAR,
    target_op       VARCHAR,
    target_value    DECIMAL(20, 6),
    target_unit     VARCHAR,
    target_qualitative BOOLEAN,
    actual_raw      VARCHAR,
    actual_op       VARCHAR,
    actual_value    DECIMAL(20, 6),
    actual_unit     VARCHAR,
    actual_qualitative BOOLEAN,
    weight          DECIMAL(7, 2),
    score           DECIMAL(7, 2),
    deviation_note  VARCHAR,
    raw_text        VARCHAR,
    locator         VARCHAR,
    load_id         VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS core_claims (
    report_id         VARCHAR NOT NULL,
    line_no           INTEGER NOT NULL,
    kind              VARCHAR NOT NULL,
    subject           VARCHAR,
    stated_value      DECIMAL(20, 8),
    decimals          INTEGER,
    percent           BOOLEAN,
    numerator_yuan    DECIMAL(20, 2),
    denominator_yuan  DECIMAL(20, 2),
    raw_text          VARCHAR,
    locator           VARCHAR,
    load_id           VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS core_scores (
    report_id  VARCHAR NOT NULL,
    line_no    INTEGER NOT NULL,
    level      VARCHAR NOT NULL,
    name       VARCHAR,
    owner      VARCHAR,
    weight     DECIMAL(7, 2),
    score      DECIMAL(7, 2),
    raw_text   VARCHAR,
    locator    VARCHAR,
    load_id    VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS dq_results (
    run_id      VARCHAR NOT NULL,
    rule_id     VARCHAR NOT NULL,
    report_id   VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,           -- pass | fail | not_applicable
    failures    INTEGER NOT NULL DEFAULT 0,
    checked_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS core_dq_issues (
    issue_id        VARCHAR PRIMARY KEY,    -- stable across nights: hash of rule, report key and subject
    rule_id         VARCHAR NOT NULL,
    report_id       VARCHAR NOT NULL,
    report_key      VARCHAR NOT NULL,
    subject         VARCHAR,
    severity        VARCHAR NOT NULL,
    message_zh      VARCHAR,
    message_en      VARCHAR,
    stated_value    VARCHAR,
    computed_value  VARCHAR,
    difference      VARCHAR,
    tolerance       VARCHAR,
    evidence_text   VARCHAR,
    source_locator  VARCHAR,
    status          VARCHAR NOT NULL,       -- open | waived | resolved
    first_seen_run  VARCHAR NOT NULL,
    last_seen_run   VARCHAR NOT NULL,
    first_seen_at   TIMESTAMP NOT NULL,
    last_seen_at    TIMESTAMP NOT NULL,
    alerted_run     VARCHAR
);

CREATE TABLE IF NOT EXISTS mart_summary_province_year (
    province            VARCHAR,
    fiscal_year         INTEGER,
    reports             INTEGER,
    avg_score           DECIMAL(7, 2),
    min_score           DECIMAL(7, 2),
    max_score           DECIMAL(7, 2),
    budget_yuan         DECIMAL(22, 2),
    executed_yuan       DECIMAL(22, 2),
    execution_rate      DECIMAL(12, 6),
    reports_with_errors INTEGER,
    open_issues         INTEGER,
    built_run           VARCHAR
);
