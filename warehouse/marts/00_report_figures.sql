-- One row per current report: its own total budget and execution, the figures every mart adds up. The amount is
-- the one the rules judge (dq_amounts: the most precisely printed statement); the budget is the full-year figure,
-- else the one stated as 预算, else the 年初 one. Open issues by severity beside it, so totals can leave out
-- reports whose figures are in question and say so.
CREATE OR REPLACE TABLE mart_report_figures AS
-- A phase the report states in conflicting amounts (n > 1) gives no figure, and no other phase stands in for it.
WITH amounts AS (
    SELECT report_id,
           CASE WHEN bool_or(phase = 'adjusted') THEN max(amount) FILTER (WHERE phase = 'adjusted' AND n = 1)
                WHEN bool_or(phase = 'budget') THEN max(amount) FILTER (WHERE phase = 'budget' AND n = 1)
                ELSE max(amount) FILTER (WHERE phase = 'initial' AND n = 1) END AS budget_yuan,
           max(amount) FILTER (WHERE phase = 'executed' AND n = 1) AS executed_yuan
    FROM dq_amounts
    WHERE category = 'total'
    GROUP BY report_id
),
issues AS (
    SELECT report_id,
           count(*) FILTER (WHERE status = 'open' AND severity = 'error') AS open_errors,
           count(*) FILTER (WHERE status = 'open' AND severity = 'warning') AS open_warnings,
           count(*) FILTER (WHERE status = 'open') AS open_issues,
           count(*) FILTER (WHERE status = 'waived') AS waived_issues
    FROM dq_issues
    GROUP BY report_id
)
SELECT r.report_id, r.department, coalesce(r.province, '未能确定地区 unresolved') AS province, r.city, r.county,
       r.division_code, coalesce(r.admin_level, 'unknown') AS admin_level, r.fiscal_year, r.report_kind,
       r.report_subject, r.self_eval_score, r.grade_band, r.incomplete,
       a.budget_yuan, round(a.budget_yuan / 10000, 6) AS budget_wan,
       a.executed_yuan, round(a.executed_yuan / 10000, 6) AS executed_wan,
       CASE WHEN a.budget_yuan > 0 THEN round(a.executed_yuan / a.budget_yuan, 6) END AS execution_rate,
       coalesce(i.open_errors, 0) AS open_errors, coalesce(i.open_warnings, 0) AS open_warnings,
       coalesce(i.open_issues, 0) AS open_issues, coalesce(i.waived_issues, 0) AS waived_issues,
       r.source_file
FROM reports r
LEFT JOIN amounts a USING (report_id)
LEFT JOIN issues i USING (report_id);
