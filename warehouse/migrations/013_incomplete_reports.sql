-- 013: readable reports that load incomplete, warnings as codes, and reviewers' assignments.
-- A report whose unit or year was not found loads anyway (incomplete, keyed to its file) and waits for a reviewer;
-- `jixiao review assign` stores the missing metadata keyed to the file's sha256, applied on every later run.
ALTER TABLE core_reports ADD COLUMN IF NOT EXISTS incomplete BOOLEAN DEFAULT false;
ALTER TABLE core_reports ADD COLUMN IF NOT EXISTS missing_fields VARCHAR;   -- JSON list: department, fiscal_year, region
ALTER TABLE core_reports ADD COLUMN IF NOT EXISTS report_subject VARCHAR;   -- the project or fund of a project/fund report
ALTER TABLE core_reports ADD COLUMN IF NOT EXISTS assignment_id VARCHAR;    -- the review_assignments row applied

CREATE TABLE IF NOT EXISTS core_warnings (
    report_id  VARCHAR NOT NULL,
    line_no    INTEGER NOT NULL,
    code       VARCHAR NOT NULL,                  -- a code of transforms/notices.yaml
    detail     VARCHAR,
    load_id    VARCHAR NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_core_warnings_line ON core_warnings (report_id, line_no);

CREATE TABLE IF NOT EXISTS review_assignments (
    assignment_id  VARCHAR PRIMARY KEY,
    sha256         VARCHAR NOT NULL,               -- the file it completes
    department     VARCHAR,
    fiscal_year    INTEGER,
    province       VARCHAR,
    city           VARCHAR,
    county         VARCHAR,
    division_code  VARCHAR,
    note           VARCHAR,
    assigned_by    VARCHAR NOT NULL,
    assigned_at    TIMESTAMP NOT NULL
);
