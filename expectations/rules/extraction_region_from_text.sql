-- The unit's name names no place: its region was taken from the title or the body, which a reviewer should confirm.
SELECT r.report_id, w.detail AS subject, NULL::DOUBLE AS stated_value, NULL::DOUBLE AS computed_value,
       NULL::DOUBLE AS difference, 0.0 AS tolerance, w.detail AS evidence_text, r.source_file AS source_locator
FROM {batch} r
JOIN core_warnings w ON w.report_id = r.report_id
WHERE r.is_current AND w.code = 'region_from_text'
