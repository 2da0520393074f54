-- Every version of every report, superseded ones included.
CREATE OR REPLACE VIEW reports_history AS
SELECT report_id, report_key, version, is_current, superseded_by, superseded_at, source_file, sha256, media_type,
       department, province, fiscal_year, self_eval_score, report_kind, report_subject, assignment_id, load_id,
       loaded_at
FROM core_reports;
