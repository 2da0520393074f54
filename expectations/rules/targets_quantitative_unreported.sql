-- 达成 for a target of 310家 hides whether 310 were reached.
SELECT r.report_id, i.owner || '|' || i.level3 AS subject, NULL::DOUBLE AS stated_value,
       i.target_value AS computed_value, NULL::DOUBLE AS difference, 0.0 AS tolerance,
       i.raw_text AS evidence_text, i.locator AS source_locator
FROM {batch} r JOIN core_indicators i ON i.report_id = r.report_id
WHERE r.is_current AND i.target_value IS NOT NULL AND NOT coalesce(i.target_qualitative, false)
  AND i.actual_value IS NULL AND coalesce(i.actual_qualitative, false)
