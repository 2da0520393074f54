-- Data-quality issues: what does not add up, with the evidence.
CREATE OR REPLACE VIEW dq_issues AS
SELECT issue_id, report_id, rule_id, severity, message_zh, message_en, stated_value, computed_value, difference,
       tolerance, evidence_text, source_locator, status, subject, report_key, first_seen_at, last_seen_at
FROM core_dq_issues;
