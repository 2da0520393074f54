-- Every project of a current report with its unit, region and year: budgets and execution in 元 and 万元, the
-- execution rate recomputed from its own figures beside the one it states, and its score.
CREATE OR REPLACE TABLE mart_project_summary AS
SELECT f.province, f.city, f.county, f.department, f.fiscal_year, p.name AS project, p.origin,
       p.initial_yuan, p.full_year_yuan, round(p.full_year_yuan / 10000, 6) AS full_year_wan,
       p.executed_yuan, round(p.executed_yuan / 10000, 6) AS executed_wan,
       CASE WHEN p.full_year_yuan > 0 THEN round(p.executed_yuan / p.full_year_yuan, 6) END AS execution_rate,
       p.stated_rate, p.score, p.unit_name, p.report_id
FROM projects p
JOIN mart_report_figures f USING (report_id)
ORDER BY f.province, f.department, f.fiscal_year, p.line_no;
CREATE OR REPLACE VIEW project_summary AS SELECT * FROM mart_project_summary;
