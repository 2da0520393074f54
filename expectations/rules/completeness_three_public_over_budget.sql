-- The latest budget stated (adjusted, else budget, else initial) is the limit.
WITH b AS (
    SELECT report_id, arg_min(amount, CASE phase WHEN 'adjusted' THEN 0 WHEN 'budget' THEN 1 ELSE 2 END) AS amount
    FROM dq_amounts WHERE category = 'three_public' AND phase IN ('budget', 'adjusted', 'initial') AND n = 1
    GROUP BY report_id
)
SELECT r.report_id, 'three_public' AS subject, a.amount AS stated_value, b.amount AS computed_value,
       a.amount - b.amount AS difference, a.half_yuan AS tolerance, a.raw_text AS evidence_text,
       a.locator AS source_locator
FROM {batch} r
JOIN dq_amounts a ON a.report_id = r.report_id AND a.category = 'three_public' AND a.phase = 'executed' AND a.n = 1
JOIN b ON b.report_id = a.report_id
WHERE r.is_current AND a.amount - b.amount > a.half_yuan
