-- One row per loaded report (current version); earlier versions are in reports_history.
CREATE OR REPLACE VIEW reports AS
SELECT report_id, source_file, sha256, department, province, city, county, division_code, admin_level,
       fiscal_year, filing_date, self_eval_score,
       COALESCE(grade_stated,
                CASE WHEN self_eval_score >= 90 THEN '优秀' WHEN self_eval_score >= 80 THEN '良好'
                     WHEN self_eval_score >= 60 THEN '中' WHEN self_eval_score IS NOT NULL THEN '差' END) AS grade,
       CASE WHEN grade_stated IS NOT NULL THEN 'stated' WHEN self_eval_score IS NOT NULL THEN 'derived' END
           AS grade_source,
       title_year, fiscal_year_source, preparer, report_kind, report_subject, coalesce(incomplete, false) AS incomplete,
       missing_fields, assignment_id, report_key, version, media_type, pages, load_id, loaded_at
FROM core_reports
WHERE is_current;
