-- A stated procurement / completion / other rate disagrees with the operands the text names.
-- The arithmetic and its tolerance live in dq_claim_rate_mismatches (expectations/macros/41_dq_claim_rate_mismatches.sql).
SELECT m.report_id, m.subject, m.stated_value, m.computed_value, m.difference, m.tolerance, m.evidence_text,
       m.source_locator
FROM {batch} r
JOIN dq_claim_rate_mismatches(['procurement_rate', 'completion_rate', 'other'], true) m ON m.report_id = r.report_id
WHERE r.is_current
