-- The extractor's message is the subject, so the same failure keeps its issue across nights.
SELECT r.report_id, w.msg AS subject, NULL::DOUBLE AS stated_value, NULL::DOUBLE AS computed_value,
       NULL::DOUBLE AS difference, 0.0 AS tolerance, w.msg AS evidence_text, r.source_file AS source_locator
FROM {batch} r
CROSS JOIN LATERAL (SELECT unnest(from_json(coalesce(r.warnings, '[]'), '["VARCHAR"]')) AS msg) w
WHERE r.is_current AND w.msg LIKE '%extractor failed%'
