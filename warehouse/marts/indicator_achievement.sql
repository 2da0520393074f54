-- Each canonical indicator (or, with no canonical match, its printed name) per province and fiscal year: how many
-- reports state it, how many of those give a target and actual that can be compared (dq_indicator_targets, the
-- same judgement the targets rules make), and how many met the target.
CREATE OR REPLACE TABLE mart_indicator_achievement AS
WITH judged AS (
    SELECT report_id, owner, level3, met FROM dq_indicator_targets
)
SELECT coalesce(i.canonical_code, '（未归类）' || i.level3) AS indicator, f.province, f.fiscal_year,
       count(DISTINCT i.report_id) AS reports,
       count(*) AS rows_stated,
       count(j.met) AS rows_judged,
       count(*) FILTER (WHERE j.met) AS rows_met,
       CASE WHEN count(j.met) > 0 THEN round(count(*) FILTER (WHERE j.met) / count(j.met), 4) END AS met_share,
       median(i.target_value) AS median_target, median(i.actual_value) AS median_actual,
       min(i.target_unit) AS unit
FROM core_indicators i
JOIN mart_report_figures f USING (report_id)
LEFT JOIN judged j ON j.report_id = i.report_id AND j.owner = i.owner AND j.level3 = i.level3
GROUP BY ALL
ORDER BY indicator, province, fiscal_year;
CREATE OR REPLACE VIEW indicator_achievement AS SELECT * FROM mart_indicator_achievement;
