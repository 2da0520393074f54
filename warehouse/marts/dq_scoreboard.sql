-- Each rule per province on the latest judgement of every current report (a night judges only the reports it
-- loaded while the rules are unchanged): the reports it could judge, how many passed, and its pass rate.
CREATE OR REPLACE TABLE mart_dq_scoreboard AS
WITH latest AS (
    SELECT rule_id, report_id, arg_max(status, checked_at) AS status FROM dq_results GROUP BY ALL
)
SELECT d.rule_id, f.province,
       count(*) FILTER (WHERE d.status <> 'not_applicable') AS reports_judged,
       count(*) FILTER (WHERE d.status = 'pass') AS reports_passed,
       count(*) FILTER (WHERE d.status = 'fail') AS reports_failed,
       CASE WHEN count(*) FILTER (WHERE d.status <> 'not_applicable') > 0
            THEN round(count(*) FILTER (WHERE d.status = 'pass')
                       / count(*) FILTER (WHERE d.status <> 'not_applicable'), 4) END AS pass_rate
FROM latest d
JOIN mart_report_figures f USING (report_id)
GROUP BY ALL
ORDER BY d.rule_id, f.province;
CREATE OR REPLACE VIEW dq_scoreboard AS SELECT * FROM mart_dq_scoreboard;
