-- Scores are exact as printed; an extra row the reader invented would also show here (see extraction rules).
WITH sums AS (
    SELECT report_id, owner, sum(score) AS s, count(*) AS k FROM core_indicators WHERE score IS NOT NULL GROUP BY ALL
)
SELECT r.report_id, 'total|' || t.owner AS subject, t.score AS stated_value, s.s AS computed_value,
       s.s - t.score AS difference, 0.0 AS tolerance, t.raw_text AS evidence_text, t.locator AS source_locator
FROM {batch} r
JOIN core_scores t ON t.report_id = r.report_id AND t.level = 'total' AND t.score IS NOT NULL
JOIN sums s ON s.report_id = t.report_id AND s.owner = t.owner
WHERE r.is_current AND s.s > t.score
