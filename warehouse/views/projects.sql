-- Projects of current reports.
CREATE OR REPLACE VIEW projects AS
SELECT r.report_id, r.department, r.province, r.fiscal_year, p.line_no, p.name, p.initial_yuan, p.adjustment_yuan,
       p.full_year_yuan, p.executed_yuan, p.stated_rate, p.score, p.funding, p.origin, p.unit_name, p.supervisor,
       p.raw_text, p.locator
FROM core_projects p JOIN core_reports r USING (report_id)
WHERE r.is_current;
