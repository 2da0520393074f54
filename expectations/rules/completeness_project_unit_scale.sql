-- A project row with one figure about ten thousand times the row's others: an amount printed in 元 in a 万元 table
-- (or in 万元 among 元). Execution rates are at most a few times apart, never thousands.
WITH cols AS (
    SELECT p.report_id, p.name, p.raw_text, p.locator, x.col, x.v
    FROM core_projects p
    CROSS JOIN LATERAL (VALUES ('initial', p.initial_yuan), ('full_year', p.full_year_yuan),
                               ('executed', p.executed_yuan)) AS x(col, v)
    WHERE x.v > 0
)
SELECT DISTINCT ON (a.report_id, a.name, a.col)
       r.report_id, a.name || '|' || a.col AS subject, a.v AS stated_value, b.v AS computed_value,
       a.v - b.v AS difference, 0.0 AS tolerance, a.raw_text AS evidence_text, a.locator AS source_locator
FROM {batch} r
JOIN cols a ON a.report_id = r.report_id
JOIN cols b ON b.report_id = a.report_id AND b.name = a.name AND b.locator = a.locator AND b.col <> a.col
WHERE r.is_current AND a.v / b.v BETWEEN 3000 AND 30000
