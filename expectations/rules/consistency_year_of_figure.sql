-- Exact equality to the yuan across years is a copied figure or a wrong year, not a coincidence. One issue per
-- paragraph: a paragraph dated to the wrong year restates several figures, and the slip is one.
SELECT DISTINCT ON (s.report_id, s.locator)
       r.report_id, s.category || '|previous' AS subject, s.amount_yuan AS stated_value, t.amount_yuan AS computed_value,
       0.0 AS difference, 0.0 AS tolerance, s.raw_text AS evidence_text, s.locator AS source_locator,
       t.locator AS other_locator, t.raw_text AS other_evidence
FROM {batch} r
JOIN core_budget_lines s ON s.report_id = r.report_id AND s.source = 'sentence' AND s.phase = 'previous'
JOIN core_budget_lines t ON t.report_id = s.report_id AND t.source = 'table' AND t.category = s.category
     AND t.phase IN ('adjusted', 'executed', 'initial') AND t.amount_yuan = s.amount_yuan
WHERE r.is_current AND s.subject IS NULL AND t.subject IS NULL AND s.amount_yuan > 0
ORDER BY s.report_id, s.locator, CASE s.category WHEN 'total' THEN 0 ELSE 1 END, s.line_no
