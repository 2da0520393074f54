-- A rate over head counts (在职人数 / 编制数) disagrees with the counts; counts are exact.
SELECT report_id, subject, stated_value, computed_value, difference, tolerance, evidence_text, source_locator
FROM (
    SELECT r.report_id,
           c.kind || '|' || coalesce(c.subject, 'total') || '|' ||
               row_number() OVER (PARTITION BY c.report_id, c.kind, coalesce(c.subject, '') ORDER BY c.line_no)
               AS subject,
           c.stated_value,
           round(c.numerator_count::DOUBLE / c.denominator_count::DOUBLE, 6) AS computed_value,
           round(abs(c.stated_value::DOUBLE - c.numerator_count::DOUBLE / c.denominator_count::DOUBLE), 6) AS difference,
           round(dq_half_unit(c.stated_value, c.decimals, c.percent), 6) AS tolerance,
           c.raw_text AS evidence_text,
           c.locator AS source_locator
    FROM {batch} r
    JOIN core_claims c ON c.report_id = r.report_id
    WHERE r.is_current
      AND c.kind IN ('control_rate')
      AND c.numerator_count IS NOT NULL AND c.denominator_count IS NOT NULL AND c.denominator_count <> 0
) t
WHERE difference > tolerance
