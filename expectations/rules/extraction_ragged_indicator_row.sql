-- A ragged row is a reading problem; its figures are kept out of the score sums by their NULLs.
SELECT r.report_id, i.owner || '|' || i.level3 AS subject, i.score AS stated_value, i.weight AS computed_value,
       NULL::DOUBLE AS difference, 0.0 AS tolerance, i.raw_text AS evidence_text, i.locator AS source_locator
FROM {batch} r JOIN core_indicators i ON i.report_id = r.report_id
WHERE r.is_current AND ((i.score IS NULL) <> (i.weight IS NULL))
