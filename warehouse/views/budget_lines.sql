-- Budget lines of current reports: one amount per category x phase, in exact yuan, with provenance.
CREATE OR REPLACE VIEW budget_lines AS
SELECT r.report_id, r.department, r.province, r.fiscal_year, b.line_no, b.category, b.phase, b.amount_yuan,
       b.unit AS unit_printed, b.source, b.subject, b.raw_text, b.locator
FROM core_budget_lines b JOIN core_reports r USING (report_id)
WHERE r.is_current;
