-- 人均 = amount (yuan, or a measured quantity in numerator_count) / head count; stated_value is the printed number.
SELECT report_id, subject, stated_value, computed_value, difference, tolerance, evidence_text, source_locator
FROM (
    SELECT r.report_id,
           'per_capita|' || coalesce(c.subject, 'total') || '|' ||
               row_number() OVER (PARTITION BY c.report_id, coalesce(c.subject, '') ORDER BY c.line_no) AS subject,
           c.stated_value,
           round(coalesce(c.numerator_yuan, c.numerator_count)::DOUBLE / c.denominator_count::DOUBLE, 6) AS computed_value,
           round(abs(c.stated_value::DOUBLE - coalesce(c.numerator_yuan, c.numerator_count)::DOUBLE
                 / c.denominator_count::DOUBLE), 6) AS difference,
           round(0.5 * pow(10, -c.decimals) + 0.005 / c.denominator_count::DOUBLE, 6) AS tolerance,
           c.raw_text AS evidence_text,
           c.locator AS source_locator
    FROM {batch} r
    JOIN core_claims c ON c.report_id = r.report_id
    WHERE r.is_current AND c.kind = 'per_capita' AND c.denominator_count <> 0
      AND coalesce(c.numerator_yuan, c.numerator_count) IS NOT NULL
) t
WHERE difference > tolerance
