-- Only owners whose indicator weights sum to the total's weight (default 100): a partial reading is not judged.
WITH sums AS (
    SELECT report_id, owner, sum(score) AS s, sum(weight) AS w FROM core_indicators
    WHERE score IS NOT NULL AND weight IS NOT NULL GROUP BY ALL
)
SELECT r.report_id, 'total|' || t.owner AS subject, t.score AS stated_value, s.s AS computed_value,
       abs(s.s - t.score) AS difference, 0.0 AS tolerance, t.raw_text AS evidence_text, t.locator AS source_locator
FROM {batch} r
JOIN core_scores t ON t.report_id = r.report_id AND t.level = 'total' AND t.score IS NOT NULL
JOIN sums s ON s.report_id = t.report_id AND s.owner = t.owner
WHERE r.is_current AND s.w = coalesce(t.weight, 100) AND s.s <> t.score
