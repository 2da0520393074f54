-- The department's own total, not a project's. A table whose 总分 weighs less than 100 totals the indicators
-- only, and the scored 预算执行率 of the funding block makes up the rest (a project report: 90 + 10): the two
-- together are the table's total; a part with nothing to complete it is not compared.
WITH execution AS (
    SELECT report_id, sum(weight) AS weight, sum(score) AS score
    FROM core_scores
    WHERE level = 'execution' AND weight IS NOT NULL AND score IS NOT NULL
    GROUP BY report_id
), totals AS (
    SELECT s.report_id, s.raw_text, s.locator,
           CASE WHEN s.weight IS NULL OR s.weight >= 100 THEN s.score
                WHEN s.weight + e.weight = 100 THEN s.score + e.score END AS score
    FROM core_scores s
    LEFT JOIN execution e ON e.report_id = s.report_id
    WHERE s.level = 'total' AND s.owner = 'department' AND s.score IS NOT NULL
)
SELECT r.report_id, 'total_score' AS subject, r.self_eval_score AS stated_value, t.score AS computed_value,
       abs(r.self_eval_score - t.score) AS difference, 0.0 AS tolerance, t.raw_text AS evidence_text,
       t.locator AS source_locator
FROM {batch} r
JOIN totals t ON t.report_id = r.report_id
WHERE r.is_current AND r.self_eval_score IS NOT NULL AND t.score IS NOT NULL AND t.score <> r.self_eval_score
