-- A stated procurement / completion / other rate disagrees with the operands the text names.
SELECT report_id, subject, stated_value, computed_value, difference, tolerance, evidence_text, source_locator
FROM (
    SELECT r.report_id,
           c.kind || '|' || coalesce(c.subject, 'total') || '|' ||
               row_number() OVER (PARTITION BY c.report_id, c.kind, coalesce(c.subject, '') ORDER BY c.line_no)
               AS subject,
           c.stated_value,
           round(coalesce(c.numerator_yuan, c.numerator_count)::DOUBLE / coalesce(c.denominator_yuan, c.denominator_count)::DOUBLE, 6) AS computed_value,
           round(abs(c.stated_value::DOUBLE - coalesce(c.numerator_yuan, c.numerator_count)::DOUBLE / coalesce(c.denominator_yuan, c.denominator_count)::DOUBLE), 6) AS difference,
           round(CASE WHEN c.numerator_yuan IS NOT NULL THEN dq_rate_tol(c.stated_value, c.decimals, c.percent, c.numerator_yuan, c.denominator_yuan) ELSE dq_half_unit(c.stated_value, c.decimals, c.percent) END, 6) AS tolerance,
           c.raw_text AS evidence_text,
           c.locator AS source_locator
    FROM {batch} r
    JOIN core_claims c ON c.report_id = r.report_id
    WHERE r.is_current
      AND c.kind IN ('procurement_rate', 'completion_rate', 'other')
      AND coalesce(c.numerator_yuan, c.numerator_count) IS NOT NULL AND coalesce(c.denominator_yuan, c.denominator_count) IS NOT NULL AND coalesce(c.denominator_yuan, c.denominator_count) <> 0
) t
WHERE difference > tolerance
