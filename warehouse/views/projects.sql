-- Projects of current reports; a table's 合计 row (kept in core_projects for sums_project_rows_total) is no project.
CREATE OR REPLACE VIEW projects AS
SELECT r.report_id, r.department, r.province, r.fiscal_year, p.line_no, p.name, p.initial_yuan, p.adjustment_yuan,
       p.full_year_yuan, p.executed_yuan, p.stated_rate, p.score, p.funding, p.origin, p.unit_name, p.supervisor,
       p.raw_text, p.locator
FROM core_projects p JOIN core_reports r USING (report_id)
WHERE r.is_current AND NOT coalesce(p.is_total, false);
