-- Rows of one origin (summary table, project table) against the 合计 row of the same origin, per money column.
WITH cols AS (
    SELECT p.report_id, coalesce(p.origin, '') AS origin, coalesce(p.is_total, false) AS is_total,
           p.name, p.raw_text, p.locator, col, v
    FROM core_projects p
    CROSS JOIN LATERAL (VALUES ('initial', p.initial_yuan), ('adjustment', p.adjustment_yuan),
                               ('full_year', p.full_year_yuan), ('executed', p.executed_yuan)) AS x(col, v)
    WHERE v IS NOT NULL AND NOT regexp_matches(p.name, '平均|比例')
),
totals AS (SELECT * FROM cols WHERE is_total),
parts AS (SELECT report_id, origin, col, sum(v) AS s, count(*) AS k FROM cols WHERE NOT is_total GROUP BY ALL)
SELECT r.report_id, t.name || '|' || t.col || '|' || t.origin AS subject, t.v AS stated_value, p.s AS computed_value,
       abs(t.v - p.s) AS difference, 50.0 * (p.k + 1) AS tolerance, t.raw_text AS evidence_text,
       t.locator AS source_locator
FROM {batch} r
JOIN totals t ON t.report_id = r.report_id
JOIN parts p ON p.report_id = t.report_id AND p.origin = t.origin AND p.col = t.col
WHERE r.is_current AND p.k >= 2 AND abs(t.v - p.s) > 50.0 * (p.k + 1)
