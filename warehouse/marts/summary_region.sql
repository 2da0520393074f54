-- One row per reporting unit, fiscal year and kind of report (its current version): where it is, its key figures
-- in 元 and 万元, its score, and its issues by severity.
CREATE OR REPLACE TABLE mart_summary_region AS
SELECT province, city, county, division_code, admin_level, department, fiscal_year, report_kind, report_subject,
       budget_yuan, budget_wan, executed_yuan, executed_wan, execution_rate, self_eval_score, grade_band,
       open_errors, open_warnings, open_issues, waived_issues, incomplete, report_id, source_file
FROM mart_report_figures
ORDER BY province, city NULLS FIRST, county NULLS FIRST, department, fiscal_year;
CREATE OR REPLACE VIEW summary_region AS SELECT * FROM mart_summary_region;
