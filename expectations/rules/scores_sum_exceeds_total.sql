-- Indicator rows and the scored 预算执行率 row (dq_scored_rows) are grouped by owner and by the table they were read from (表N in the locator): a project scored
-- in two tables (its self-evaluation table and an appendix table) is judged per table against that table's total,
-- or the owner's total from the text when the table prints none. A group whose weights already exceed the full
-- mark is reported by scores_weights_exceed_full_mark and left out here.
WITH sums AS (
    SELECT report_id, owner, tbl, sum(score) AS s, sum(weight) AS w FROM dq_scored_rows WHERE score IS NOT NULL
    GROUP BY ALL
),
tot AS (
    SELECT DISTINCT ON (report_id, owner, tbl) *
    FROM (SELECT report_id, owner, regexp_extract(coalesce(locator, ''), '表([0-9]+)', 1) AS tbl, line_no, score,
                 weight, raw_text, locator
          FROM core_scores WHERE level = 'total' AND score IS NOT NULL)
    ORDER BY report_id, owner, tbl, line_no
)
SELECT r.report_id, 'total|' || s.owner || CASE WHEN s.tbl <> '' THEN '|表' || s.tbl ELSE '' END AS subject,
       t.score AS stated_value, s.s AS computed_value, s.s - t.score AS difference, 0.0 AS tolerance,
       t.raw_text AS evidence_text, t.locator AS source_locator
FROM {batch} r
JOIN sums s ON s.report_id = r.report_id
JOIN tot t ON t.report_id = s.report_id AND t.owner = s.owner
     AND (t.tbl = s.tbl OR (t.tbl = '' AND NOT EXISTS (
         SELECT 1 FROM tot t2 WHERE t2.report_id = s.report_id AND t2.owner = s.owner AND t2.tbl = s.tbl)))
WHERE r.is_current AND s.s > t.score AND NOT coalesce(s.w > coalesce(t.weight, 100), false)
