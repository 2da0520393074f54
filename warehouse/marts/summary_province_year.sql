-- Provincial summary: reports, scores, money and open issues per province and fiscal year (current versions).
DELETE FROM mart_summary_province_year;
INSERT INTO mart_summary_province_year
WITH totals AS (
    SELECT report_id,
           max(amount_yuan) FILTER (WHERE phase = 'adjusted') AS budget_yuan,
           max(amount_yuan) FILTER (WHERE phase = 'executed') AS executed_yuan
    FROM core_budget_lines
    WHERE category = 'total' AND source = 'table'
    GROUP BY report_id
),
issues AS (
    SELECT report_id,
           count(*) FILTER (WHERE status = 'open') AS open_issues,
           count(*) FILTER (WHERE status = 'open' AND severity = 'error') AS open_errors
    FROM core_dq_issues
    GROUP BY report_id
)
SELECT r.province, r.fiscal_year, count(*) AS reports,
       round(avg(r.self_eval_score), 2), min(r.self_eval_score), max(r.self_eval_score),
       sum(t.budget_yuan), sum(t.executed_yuan),
       CASE WHEN sum(t.budget_yuan) FILTER (WHERE t.executed_yuan IS NOT NULL) > 0
            THEN sum(t.executed_yuan) FILTER (WHERE t.budget_yuan IS NOT NULL)
                 / sum(t.budget_yuan) FILTER (WHERE t.executed_yuan IS NOT NULL) END,
       count(*) FILTER (WHERE coalesce(i.open_errors, 0) > 0),
       coalesce(sum(i.open_issues), 0),
       $run_id
FROM core_reports r
LEFT JOIN totals t USING (report_id)
LEFT JOIN issues i USING (report_id)
-- a report loaded without its unit, year or region waits for a reviewer (jixiao review assign) before it counts
WHERE r.is_current AND NOT coalesce(r.incomplete, false)
GROUP BY r.province, r.fiscal_year;
