-- A fund's total (the 合计 row of its project table, or the sentence stating it) against the projects the table
-- or the sentences list, per money column and per origin: a fund's projects are all its money.
WITH cols AS (
    SELECT p.report_id, p.origin, x.col, x.v
    FROM core_projects p
    CROSS JOIN LATERAL (VALUES ('initial', p.initial_yuan), ('adjusted', p.full_year_yuan),
                               ('executed', p.executed_yuan)) AS x(col, v)
    WHERE p.origin IN ('summary_table', 'sentence') AND x.v IS NOT NULL
      AND NOT coalesce(p.is_total, false) AND NOT regexp_matches(p.name, '平均|比例')
),
parts AS (SELECT report_id, origin, col, sum(v) AS s, count(*) AS k FROM cols GROUP BY ALL),
totals AS (
    SELECT report_id, CASE source WHEN 'table' THEN 'summary_table' ELSE 'sentence' END AS origin, phase AS col,
           amount_yuan AS v, raw_text, locator
    FROM core_budget_lines
    WHERE category = 'total' AND subject IS NULL AND phase IN ('initial', 'adjusted', 'executed')
)
SELECT r.report_id, 'total|' || t.col AS subject, t.v AS stated_value, p.s AS computed_value,
       abs(t.v - p.s) AS difference, 50.0 * (p.k + 1) AS tolerance, t.raw_text AS evidence_text,
       t.locator AS source_locator
FROM {batch} r
JOIN totals t ON t.report_id = r.report_id
JOIN parts p ON p.report_id = t.report_id AND p.origin = t.origin AND p.col = t.col
WHERE r.is_current AND r.report_kind = 'fund' AND p.k >= 2 AND abs(t.v - p.s) > 50.0 * (p.k + 1)
