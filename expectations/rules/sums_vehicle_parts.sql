-- vehicle purchase + operation = vehicle costs.
-- The arithmetic and its tolerance live in dq_parts_vs_total (expectations/macros/40_dq_parts_vs_total.sql).
SELECT v.report_id, v.subject, v.stated_value, v.computed_value, v.difference, v.tolerance, v.evidence_text,
       v.source_locator
FROM {batch} r
JOIN dq_parts_vs_total('vehicle', ['vehicle_purchase', 'vehicle_operation'],
                       ['vehicle_purchase', 'vehicle_operation']) v ON v.report_id = r.report_id
WHERE r.is_current
