-- A figure too large for its column (a score of 123456789, an amount past 10^18 元) was left empty at load so the
-- report could load with everything else; the raw text shows what was printed.
SELECT r.report_id, w.detail AS subject, NULL::DOUBLE AS stated_value, NULL::DOUBLE AS computed_value,
       NULL::DOUBLE AS difference, 0.0 AS tolerance, w.detail AS evidence_text, r.source_file AS source_locator
FROM {batch} r
JOIN core_warnings w ON w.report_id = r.report_id
WHERE r.is_current AND w.code = 'value_out_of_range'
