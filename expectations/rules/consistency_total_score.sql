-- The department's own total, not a project's.
SELECT r.report_id, 'total_score' AS subject, r.self_eval_score AS stated_value, s.score AS computed_value,
       abs(r.self_eval_score - s.score) AS difference, 0.0 AS tolerance, s.raw_text AS evidence_text,
       s.locator AS source_locator
FROM {batch} r
JOIN core_scores s ON s.report_id = r.report_id AND s.level = 'total' AND s.owner = 'department'
WHERE r.is_current AND r.self_eval_score IS NOT NULL AND s.score IS NOT NULL AND s.score <> r.self_eval_score
