-- Data-quality issues: what does not add up, with the evidence, the report's department and any waiver that holds.
CREATE OR REPLACE VIEW dq_issues AS
SELECT i.issue_id, i.report_id, i.rule_id, i.family, i.severity, i.message_zh, i.message_en, i.stated_value,
       i.computed_value, i.difference, i.tolerance, i.evidence_text, i.source_locator, i.status, i.subject,
       i.report_key, r.department, i.first_seen_at, i.last_seen_at, i.other_locator, i.other_evidence,
       w.reason_code AS waiver_reason,
       w.note AS waiver_note
FROM core_dq_issues i
LEFT JOIN core_reports r ON r.report_id = i.report_id
LEFT JOIN (SELECT issue_id, arg_max(reason_code, waived_at) AS reason_code, arg_max(note, waived_at) AS note
           FROM dq_waivers WHERE lapsed_at IS NULL GROUP BY issue_id) w ON w.issue_id = i.issue_id;
