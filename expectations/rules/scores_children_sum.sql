-- Score lines keep document order: the children of a level-N line are the level-(N+1) lines after it, up to the
-- next line of level N or higher, for the same owner and the same table (表N, or the text). A level-1 line is
-- judged only when the level-1 weights of its table add up to the full mark: otherwise a level-1 cell spans
-- several groups (决策 40 over 决策 and 过程) or a weightless level-1 heading was skipped, and the lines after it
-- are not its own children.
WITH s AS (
    SELECT *, CASE level WHEN 'total' THEN 0 WHEN 'level1' THEN 1 WHEN 'level2' THEN 2 WHEN 'level3' THEN 3 END AS lv,
           regexp_extract(coalesce(locator, ''), '表([0-9]+)', 1) AS tbl
    FROM core_scores
),
full_mark AS (
    SELECT report_id, owner, coalesce(max(weight), 100) AS w FROM s WHERE lv = 0 GROUP BY ALL
),
level1 AS (
    SELECT report_id, owner, tbl, sum(weight) AS w, count(*) AS k, count(weight) AS kw FROM s WHERE lv = 1 GROUP BY ALL
),
parents AS (
    SELECT p.report_id, p.owner, p.tbl, p.line_no, p.name, p.lv, p.score, p.weight, p.raw_text, p.locator,
           coalesce((SELECT min(n.line_no) FROM s n WHERE n.report_id = p.report_id AND n.owner = p.owner
                     AND n.tbl = p.tbl AND n.line_no > p.line_no AND n.lv <= p.lv), 2147483647) AS stop
    FROM s p
    LEFT JOIN level1 l1 ON l1.report_id = p.report_id AND l1.owner = p.owner AND l1.tbl = p.tbl
    LEFT JOIN full_mark f ON f.report_id = p.report_id AND f.owner = p.owner
    WHERE p.lv = 2 OR (p.lv = 1 AND l1.kw = l1.k AND l1.w = coalesce(f.w, 100))
),
kids AS (
    SELECT p.report_id, p.owner, p.line_no, sum(c.score) AS score_sum, sum(c.weight) AS weight_sum, count(*) AS k,
           count(c.weight) AS kw, count(c.score) AS ks
    FROM parents p JOIN s c ON c.report_id = p.report_id AND c.owner = p.owner AND c.tbl = p.tbl
         AND c.lv = p.lv + 1 AND c.line_no > p.line_no AND c.line_no < p.stop
    GROUP BY ALL
),
checks AS (
    SELECT p.*, 'score' AS what, p.score AS stated, k.score_sum AS computed
    FROM parents p JOIN kids k USING (report_id, owner, line_no) WHERE p.score IS NOT NULL AND k.ks = k.k
    UNION ALL
    SELECT p.*, 'weight', p.weight, k.weight_sum
    FROM parents p JOIN kids k USING (report_id, owner, line_no) WHERE p.weight IS NOT NULL AND k.kw = k.k
)
SELECT r.report_id, c.owner || '|' || coalesce(c.name, '') || '|' || c.what AS subject, c.stated AS stated_value,
       c.computed AS computed_value, abs(c.stated - c.computed) AS difference, 0.0 AS tolerance,
       c.raw_text AS evidence_text, c.locator AS source_locator
FROM {batch} r JOIN checks c ON c.report_id = r.report_id
WHERE r.is_current AND c.stated <> c.computed
