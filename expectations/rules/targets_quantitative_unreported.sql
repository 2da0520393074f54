-- 达成 for a target of 310家 hides whether 310 were reached. One issue per owner (department or project) and
-- table, listing the indicators: a table that answers every target in words is one finding, not fifteen.
WITH u AS (
    SELECT i.report_id, i.owner, regexp_extract(coalesce(i.locator, ''), '表([0-9]+)', 1) AS tbl, i.line_no,
           i.level3, i.locator
    FROM core_indicators i
    WHERE i.target_value IS NOT NULL AND NOT coalesce(i.target_qualitative, false)
      AND i.actual_value IS NULL AND coalesce(i.actual_qualitative, false)
)
SELECT r.report_id, u.owner || CASE WHEN u.tbl <> '' THEN '|表' || u.tbl ELSE '' END AS subject,
       count(*)::DOUBLE AS stated_value, NULL::DOUBLE AS computed_value, NULL::DOUBLE AS difference,
       0.0 AS tolerance, string_agg(u.level3, '；' ORDER BY u.line_no) AS evidence_text,
       min(u.locator) AS source_locator
FROM {batch} r JOIN u ON u.report_id = r.report_id
WHERE r.is_current
GROUP BY r.report_id, u.owner, u.tbl
