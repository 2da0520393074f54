-- Performance indicators of current reports, with canonical codes where the catalogue matched.
CREATE OR REPLACE VIEW indicators AS
SELECT r.report_id, r.department, r.province, r.fiscal_year, i.line_no, i.owner, i.level1, i.level2, i.level3,
       i.canonical_code, i.target_raw, i.target_op, i.target_value, i.target_unit, i.actual_raw, i.actual_op,
       i.actual_value, i.actual_unit, i.weight, i.score, i.deviation_note, i.raw_text, i.locator
FROM core_indicators i JOIN core_reports r USING (report_id)
WHERE r.is_current;
