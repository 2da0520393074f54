-- Indicator rows and the scored 预算执行率 row (dq_scored_rows) add up to the total. Only groups (owner and
-- table 表N) whose weights sum to the total's weight (default 100): a partial
-- reading is not judged. The total is the same table's, or the owner's total from the text when the table has none.
WITH sums AS (
    SELECT report_id, owner, tbl, sum(score) AS s, sum(weight) AS w
    FROM dq_scored_rows WHERE score IS NOT NULL AND weight IS NOT NULL GROUP BY ALL
),
tot AS (
    SELECT DISTINCT ON (report_id, owner, tbl) *
    FROM (SELECT report_id, owner, regexp_extract(coalesce(locator, ''), '表([0-9]+)', 1) AS tbl, line_no, score,
                 weight, raw_text, locator
          FROM core_scores WHERE level = 'total' AND score IS NOT NULL)
    ORDER BY report_id, owner, tbl, line_no
)
SELECT r.report_id, 'total|' || s.owner || CASE WHEN s.tbl <> '' THEN '|表' || s.tbl ELSE '' END AS subject,
       t.score AS stated_value, s.s AS computed_value, abs(s.s - t.score) AS difference, 0.0 AS tolerance,
       t.raw_text AS evidence_text, t.locator AS source_locator
FROM {batch} r
JOIN sums s ON s.report_id = r.report_id
JOIN tot t ON t.report_id = s.report_id AND t.owner = s.owner
     AND (t.tbl = s.tbl OR (t.tbl = '' AND NOT EXISTS (
         SELECT 1 FROM tot t2 WHERE t2.report_id = s.report_id AND t2.owner = s.owner AND t2.tbl = s.tbl)))
WHERE r.is_current AND s.w = coalesce(t.weight, 100) AND s.s <> t.score
