-- 002: every distinct file ever received (submissions) and when a version was superseded.
-- A file whose figures equal the current version's is recorded here as another format of that report and adds
-- no row to core_reports; re-delivering any file already recorded is skipped by its sha256.
ALTER TABLE core_reports ADD COLUMN IF NOT EXISTS superseded_at TIMESTAMP;

CREATE TABLE IF NOT EXISTS core_submissions (
    sha256       VARCHAR PRIMARY KEY,
    report_id    VARCHAR NOT NULL,          -- the core_reports row this file is (or is another format of)
    report_key   VARCHAR NOT NULL,
    relation     VARCHAR NOT NULL,          -- version | other_format
    source_file  VARCHAR NOT NULL,
    media_type   VARCHAR,
    load_id      VARCHAR NOT NULL,          -- the run that first received it
    received_at  TIMESTAMP NOT NULL
);

-- Warehouses written before 002: each loaded report was one submission.
INSERT INTO core_submissions
SELECT sha256, report_id, report_key, 'version', source_file, media_type, load_id, loaded_at
FROM core_reports
ON CONFLICT DO NOTHING;

-- Guards against double counting: one version number per report key, one row per fact line.
CREATE UNIQUE INDEX IF NOT EXISTS ux_core_reports_key_version ON core_reports (report_key, version);
CREATE UNIQUE INDEX IF NOT EXISTS ux_core_budget_lines_line ON core_budget_lines (report_id, line_no);
CREATE UNIQUE INDEX IF NOT EXISTS ux_core_projects_line ON core_projects (report_id, line_no);
CREATE UNIQUE INDEX IF NOT EXISTS ux_core_indicators_line ON core_indicators (report_id, line_no);
CREATE UNIQUE INDEX IF NOT EXISTS ux_core_claims_line ON core_claims (report_id, line_no);
CREATE UNIQUE INDEX IF NOT EXISTS ux_core_scores_line ON core_scores (report_id, line_no);
