-- Indicators and score lines alike.
SELECT r.report_id, x.subject, x.score AS stated_value, x.weight AS computed_value, x.score - x.weight AS difference,
       0.0 AS tolerance, x.raw_text AS evidence_text, x.locator AS source_locator
FROM {batch} r
JOIN (
    SELECT report_id, owner || '|' || level3 AS subject, score, weight, raw_text, locator
    FROM core_indicators WHERE score > weight
    UNION ALL
    SELECT report_id, owner || '|' || level || '|' || coalesce(name, ''), score, weight, raw_text, locator
    FROM core_scores WHERE score > weight
) x ON x.report_id = r.report_id
WHERE r.is_current
