-- Provincial summary per province and fiscal year: what was received, by administrative level, how the money was
-- budgeted and spent (execution rate weighted by budget: Σ executed / Σ budget over reports stating both), how
-- units scored themselves, and where the numbers cannot be trusted. Every money total comes twice: over all
-- reports, and over the reports without an open error (*_without_errors), never mixed silently.
CREATE OR REPLACE TABLE mart_summary_province_year AS
SELECT province, fiscal_year,
       count(*) AS reports,
       count(*) FILTER (WHERE admin_level = 'province') AS reports_province_level,
       count(*) FILTER (WHERE admin_level = 'prefecture') AS reports_prefecture_level,
       count(*) FILTER (WHERE admin_level = 'county') AS reports_county_level,
       count(*) FILTER (WHERE admin_level = 'unknown') AS reports_level_unknown,
       count(*) FILTER (WHERE incomplete) AS reports_incomplete,
       count(*) FILTER (WHERE open_errors > 0) AS reports_with_errors,
       sum(budget_yuan) AS budget_yuan, round(sum(budget_yuan) / 10000, 2) AS budget_wan,
       sum(executed_yuan) AS executed_yuan, round(sum(executed_yuan) / 10000, 2) AS executed_wan,
       round(sum(executed_yuan) FILTER (WHERE budget_yuan > 0)
             / sum(budget_yuan) FILTER (WHERE executed_yuan IS NOT NULL AND budget_yuan > 0), 6) AS execution_rate,
       sum(budget_yuan) FILTER (WHERE open_errors = 0) AS budget_yuan_without_errors,
       sum(executed_yuan) FILTER (WHERE open_errors = 0) AS executed_yuan_without_errors,
       round(sum(executed_yuan) FILTER (WHERE budget_yuan > 0 AND open_errors = 0)
             / sum(budget_yuan) FILTER (WHERE executed_yuan IS NOT NULL AND budget_yuan > 0 AND open_errors = 0), 6)
           AS execution_rate_without_errors,
       round(avg(self_eval_score), 2) AS mean_score, median(self_eval_score) AS median_score,
       min(self_eval_score) AS min_score, max(self_eval_score) AS max_score,
       /* grade columns */,
       sum(open_issues) AS open_issues,
       $run_id AS built_run
FROM mart_report_figures
GROUP BY province, fiscal_year
ORDER BY province, fiscal_year;
CREATE OR REPLACE VIEW summary_province_year AS SELECT * FROM mart_summary_province_year;
