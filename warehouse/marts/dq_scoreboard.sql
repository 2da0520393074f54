-- Each rule per province on tonight's judgement: the reports it could judge, how many passed, and its pass rate.
CREATE OR REPLACE TABLE mart_dq_scoreboard AS
SELECT d.rule_id, f.province,
       count(*) FILTER (WHERE d.status <> 'not_applicable') AS reports_judged,
       count(*) FILTER (WHERE d.status = 'pass') AS reports_passed,
       count(*) FILTER (WHERE d.status = 'fail') AS reports_failed,
       CASE WHEN count(*) FILTER (WHERE d.status <> 'not_applicable') > 0
            THEN round(count(*) FILTER (WHERE d.status = 'pass')
                       / count(*) FILTER (WHERE d.status <> 'not_applicable'), 4) END AS pass_rate
FROM dq_results d
JOIN mart_report_figures f USING (report_id)
WHERE d.run_id = (SELECT max(run_id) FROM dq_results)
GROUP BY ALL
ORDER BY d.rule_id, f.province;
CREATE OR REPLACE VIEW dq_scoreboard AS SELECT * FROM mart_dq_scoreboard;
