-- The grade's band floor is the computed value; words of one band (中, 一般, 合格) share it (ref_grade_words).
SELECT r.report_id, r.grade_stated AS subject, r.self_eval_score AS stated_value, b.min_score AS computed_value,
       CASE WHEN r.self_eval_score < b.min_score THEN b.min_score - r.self_eval_score
            ELSE r.self_eval_score - b.max_score END AS difference,
       0.0 AS tolerance, coalesce(e.raw_text, r.grade_stated) AS evidence_text, coalesce(e.locator, '') AS source_locator
FROM {batch} r
JOIN ref_grade_words b ON b.word = r.grade_stated
LEFT JOIN (SELECT report_id, arg_min(raw_text, raw_text) AS raw_text, arg_min(locator, raw_text) AS locator
           FROM core_evidence WHERE field = 'grade' GROUP BY report_id) e ON e.report_id = r.report_id
WHERE r.is_current AND r.self_eval_score IS NOT NULL
  AND NOT (r.self_eval_score >= b.min_score AND r.self_eval_score < b.max_score)
