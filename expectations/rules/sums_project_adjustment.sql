-- A project row that prints its adjustment (追加/追减) in a column of its own: the initial budget plus the adjustment
-- is the full-year budget.
SELECT r.report_id, p.name || '|full_year' AS subject, p.full_year_yuan AS stated_value,
       p.initial_yuan + p.adjustment_yuan AS computed_value,
       abs(p.full_year_yuan - (p.initial_yuan + p.adjustment_yuan)) AS difference, 150.0 AS tolerance,
       p.raw_text AS evidence_text, p.locator AS source_locator
FROM {batch} r
JOIN core_projects p ON p.report_id = r.report_id
WHERE r.is_current AND p.initial_yuan IS NOT NULL AND p.adjustment_yuan IS NOT NULL AND p.full_year_yuan IS NOT NULL
  AND abs(p.full_year_yuan - (p.initial_yuan + p.adjustment_yuan)) > 150.0
