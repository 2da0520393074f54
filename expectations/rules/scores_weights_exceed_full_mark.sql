-- More weight than the full mark means rows counted twice or a table that does not add up.
WITH w AS (SELECT report_id, owner, sum(weight) AS s FROM core_indicators WHERE weight IS NOT NULL GROUP BY ALL)
SELECT r.report_id, 'weights|' || w.owner AS subject, coalesce(t.weight, 100) AS stated_value, w.s AS computed_value,
       w.s - coalesce(t.weight, 100) AS difference, 0.0 AS tolerance,
       coalesce(t.raw_text, '') AS evidence_text, coalesce(t.locator, '') AS source_locator
FROM {batch} r
JOIN w ON w.report_id = r.report_id
LEFT JOIN core_scores t ON t.report_id = w.report_id AND t.owner = w.owner AND t.level = 'total'
WHERE r.is_current AND w.s > coalesce(t.weight, 100)
