-- The carry-over rate is defined over the expenditure budget; a sentence that divides by another figure (the executed
-- amount called 全年支出预算数) states a rate the budget does not give. Only when the named denominator differs.
SELECT report_id, subject, stated_value, computed_value, difference, tolerance, evidence_text, source_locator
FROM (
    SELECT r.report_id,
           'carryover_rate|' || coalesce(c.subject, 'total') || '|' ||
               row_number() OVER (PARTITION BY c.report_id, coalesce(c.subject, '') ORDER BY c.line_no) AS subject,
           c.stated_value,
           round(c.numerator_yuan::DOUBLE / a.amount::DOUBLE, 6) AS computed_value,
           round(abs(c.stated_value::DOUBLE - c.numerator_yuan::DOUBLE / a.amount::DOUBLE), 6) AS difference,
           round(dq_rate_tol(c.stated_value, c.decimals, c.percent, c.numerator_yuan, a.amount), 6) AS tolerance,
           c.raw_text AS evidence_text,
           c.locator AS source_locator,
           c.denominator_yuan
    FROM {batch} r
    JOIN core_claims c ON c.report_id = r.report_id
    JOIN dq_amounts a ON a.report_id = r.report_id AND a.category = 'total' AND a.phase = 'adjusted' AND a.n = 1
    WHERE r.is_current AND c.kind = 'carryover_rate' AND c.numerator_yuan IS NOT NULL AND a.amount > 0
      AND coalesce(c.subject, 'total') = 'total'
) t
WHERE difference > tolerance AND (denominator_yuan IS NULL OR abs(denominator_yuan - (
    SELECT a2.amount FROM dq_amounts a2 WHERE a2.report_id = t.report_id AND a2.category = 'total'
      AND a2.phase = 'adjusted' AND a2.n = 1)) > 100)
