-- Ratio within 0.1% of 10^4 or 10^8.
SELECT DISTINCT ON (a.report_id, a.category, a.phase)
       r.report_id, a.category || '|' || a.phase AS subject, a.amount_yuan AS stated_value, b.amount_yuan AS computed_value,
       abs(a.amount_yuan - b.amount_yuan) AS difference, 0.0 AS tolerance,
       a.raw_text || ' ｜ ' || b.raw_text AS evidence_text, a.locator AS source_locator
FROM {batch} r
JOIN core_budget_lines a ON a.report_id = r.report_id AND a.subject IS NULL
JOIN core_budget_lines b ON b.report_id = a.report_id AND b.category = a.category AND b.phase = a.phase
     AND b.subject IS NULL AND b.amount_yuan > 0
WHERE r.is_current AND a.amount_yuan > b.amount_yuan
  AND (abs(a.amount_yuan / b.amount_yuan / 10000 - 1) < 0.001 OR abs(a.amount_yuan / b.amount_yuan / 100000000 - 1) < 0.001)
