-- overseas + vehicle + reception = 三公 total; two stated parts are enough (a blank part is 0).
-- The arithmetic and its tolerance live in dq_parts_vs_total (expectations/macros/40_dq_parts_vs_total.sql).
SELECT v.report_id, v.subject, v.stated_value, v.computed_value, v.difference, v.tolerance, v.evidence_text,
       v.source_locator
FROM {batch} r
JOIN dq_parts_vs_total('three_public', ['overseas', 'vehicle', 'reception'],
                       ['overseas', 'vehicle', 'reception']) v ON v.report_id = r.report_id
WHERE r.is_current
