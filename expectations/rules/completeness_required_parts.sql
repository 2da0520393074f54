-- What a reviewer cannot do without: the money and the result.
SELECT r.report_id, m.part AS subject, NULL::DOUBLE AS stated_value, NULL::DOUBLE AS computed_value,
       NULL::DOUBLE AS difference, 0.0 AS tolerance, r.source_file AS evidence_text, r.source_file AS source_locator
FROM {batch} r
CROSS JOIN (VALUES ('total_expenditure 支出合计'), ('total_score 自评得分')) AS m(part)
WHERE r.is_current AND (
    (m.part LIKE 'total_expenditure%' AND NOT EXISTS (
        SELECT 1 FROM core_budget_lines b WHERE b.report_id = r.report_id AND b.category IN ('total', 'basic', 'project'))
        AND NOT EXISTS (SELECT 1 FROM core_projects p WHERE p.report_id = r.report_id))
 OR (m.part LIKE 'total_score%' AND r.self_eval_score IS NULL AND NOT EXISTS (
        SELECT 1 FROM core_scores s WHERE s.report_id = r.report_id AND s.level = 'total'))
)
