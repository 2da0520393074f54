-- More weight than the full mark means rows counted twice or a table that does not add up. Rows are grouped by
-- owner and by the table they were read from (表N), so a project scored in two tables is judged per table.
WITH w AS (
    SELECT report_id, owner, tbl, sum(weight) AS s FROM dq_scored_rows WHERE weight IS NOT NULL GROUP BY ALL
),
tot AS (
    SELECT DISTINCT ON (report_id, owner, tbl) *
    FROM (SELECT report_id, owner, regexp_extract(coalesce(locator, ''), '表([0-9]+)', 1) AS tbl, line_no, weight,
                 raw_text, locator
          FROM core_scores WHERE level = 'total')
    ORDER BY report_id, owner, tbl, line_no
)
SELECT r.report_id, 'weights|' || w.owner || CASE WHEN w.tbl <> '' THEN '|表' || w.tbl ELSE '' END AS subject,
       coalesce(t.weight, 100) AS stated_value, w.s AS computed_value,
       w.s - coalesce(t.weight, 100) AS difference, 0.0 AS tolerance,
       coalesce(t.raw_text, '') AS evidence_text, coalesce(t.locator, '') AS source_locator
FROM {batch} r
JOIN w ON w.report_id = r.report_id
LEFT JOIN tot t ON t.report_id = w.report_id AND t.owner = w.owner
     AND (t.tbl = w.tbl OR (t.tbl = '' AND NOT EXISTS (
         SELECT 1 FROM tot t2 WHERE t2.report_id = w.report_id AND t2.owner = w.owner AND t2.tbl = w.tbl)))
WHERE r.is_current AND w.s > coalesce(t.weight, 100)
