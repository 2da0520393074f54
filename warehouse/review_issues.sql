-- Issues for `jixiao review list`, with the report they are about and the waiver that holds (if any).
-- Parameters: $status (unresolved = open or waived | open | waived | resolved | all), $severity (NULL = any), $report (NULL = any; a report id of
-- any version, a source file name, or part of the department name).
SELECT i.issue_id, i.status, i.severity, i.rule_id, i.family, r.department, r.source_file, i.report_id, i.subject,
       i.stated_value, i.computed_value, i.difference, i.tolerance, i.message_zh, i.message_en,
       i.first_seen_at, i.last_seen_at, w.reason_code, w.note AS waiver_note
FROM core_dq_issues i
LEFT JOIN core_reports r ON r.report_id = i.report_id
LEFT JOIN (SELECT issue_id, arg_max(reason_code, waived_at) AS reason_code, arg_max(note, waived_at) AS note
           FROM dq_waivers WHERE lapsed_at IS NULL GROUP BY issue_id) w ON w.issue_id = i.issue_id
WHERE ($status = 'all' OR i.status = $status OR ($status = 'unresolved' AND i.status IN ('open', 'waived')))
  AND ($severity IS NULL OR i.severity = $severity)
  AND ($report IS NULL
       OR i.report_key IN (SELECT report_key FROM core_reports WHERE report_id = $report OR source_file = $report)
       OR contains(r.department, $report))
ORDER BY CASE i.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, r.department, i.rule_id, i.subject;
