-- The grade's band floor is the computed value; 中 and 一般 name the same band.
SELECT r.report_id, r.grade_stated AS subject, r.self_eval_score AS stated_value, b.lo AS computed_value,
       CASE WHEN r.self_eval_score < b.lo THEN b.lo - r.self_eval_score ELSE r.self_eval_score - b.hi END AS difference,
       0.0 AS tolerance, coalesce(e.raw_text, r.grade_stated) AS evidence_text, coalesce(e.locator, '') AS source_locator
FROM {batch} r
JOIN (VALUES ('优秀', 90, 1000), ('优', 90, 1000), ('良好', 80, 90), ('良', 80, 90), ('中', 60, 80), ('一般', 60, 80),
             ('较差', 0, 60), ('差', 0, 60)) AS b(grade, lo, hi) ON b.grade = r.grade_stated
LEFT JOIN (SELECT report_id, arg_min(raw_text, raw_text) AS raw_text, arg_min(locator, raw_text) AS locator
           FROM core_evidence WHERE field = 'grade' GROUP BY report_id) e ON e.report_id = r.report_id
WHERE r.is_current AND r.self_eval_score IS NOT NULL
  AND NOT (r.self_eval_score >= b.lo AND r.self_eval_score < b.hi)
