-- A stated execution rate disagrees with executed / budget beyond half a unit of its last printed digit
-- plus the effect of operands printed to 0.01 万元.
SELECT report_id, subject, stated_value, computed_value, difference, tolerance, evidence_text, source_locator
FROM (
    SELECT r.report_id,
           c.kind || '|' || coalesce(c.subject, 'total') || '|' ||
               row_number() OVER (PARTITION BY c.report_id, c.kind, coalesce(c.subject, '') ORDER BY c.line_no)
               AS subject,
           c.stated_value,
           round(c.numerator_yuan::DOUBLE / c.denominator_yuan::DOUBLE, 6) AS computed_value,
           round(abs(c.stated_value::DOUBLE - c.numerator_yuan::DOUBLE / c.denominator_yuan::DOUBLE), 6) AS difference,
           round(dq_rate_tol(c.stated_value, c.decimals, c.percent, c.numerator_yuan, c.denominator_yuan), 6) AS tolerance,
           c.raw_text AS evidence_text,
           c.locator AS source_locator
    FROM {batch} r
    JOIN core_claims c ON c.report_id = r.report_id
    WHERE r.is_current
      AND c.kind IN ('execution_rate')
      AND c.numerator_yuan IS NOT NULL AND c.denominator_yuan IS NOT NULL AND c.denominator_yuan <> 0
) t
WHERE difference > tolerance
