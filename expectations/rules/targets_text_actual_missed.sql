-- The score table answers a numeric target in words (达成) or not at all, while the text states the count achieved
-- for the same indicator (拉网式排查两定机构 291 家 against a target of 310家). The indicator is matched by the last
-- six characters of the text's label appearing in its name, and by the unit.
WITH judged AS (
    SELECT i.report_id, i.owner, i.level3, i.target_value, i.weight, i.score, i.raw_text AS table_text,
           i.locator, c.stated_value AS actual, c.raw_text AS text_evidence, c.line_no,
           CASE coalesce(i.target_op, '>=')
               WHEN '>=' THEN c.stated_value >= i.target_value
               WHEN '>' THEN c.stated_value > i.target_value
               WHEN '<=' THEN c.stated_value <= i.target_value
               WHEN '<' THEN c.stated_value < i.target_value
               WHEN '=' THEN c.stated_value = i.target_value
           END AS met
    FROM core_indicators i
    JOIN core_claims c ON c.report_id = i.report_id AND c.kind = 'count_total'
         AND length(split_part(c.subject, '|', 1)) >= 4
         AND position(right(split_part(c.subject, '|', 1), 6) IN i.level3) > 0
         AND split_part(c.subject, '|', 2) = i.target_unit
    WHERE i.target_value IS NOT NULL AND NOT coalesce(i.target_qualitative, false) AND i.actual_value IS NULL
)
SELECT DISTINCT ON (r.report_id, j.owner, j.level3)
       r.report_id, j.owner || '|' || j.level3 AS subject, j.actual AS stated_value, j.target_value AS computed_value,
       abs(j.actual - j.target_value) AS difference, 0.0 AS tolerance,
       j.text_evidence || ' ｜ ' || j.table_text AS evidence_text, j.locator AS source_locator
FROM {batch} r JOIN judged j ON j.report_id = r.report_id
WHERE r.is_current AND NOT j.met
ORDER BY r.report_id, j.owner, j.level3, j.line_no
