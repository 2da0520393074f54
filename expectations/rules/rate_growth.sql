-- The previous amount is named or derived from the current amount and the change; a derived previous amount
-- carries the rounding of two printed figures (100 yuan at 0.01 万元).
SELECT report_id, subject, stated_value, computed_value, difference, tolerance, evidence_text, source_locator
FROM (
    SELECT r.report_id,
           'growth|' || coalesce(c.subject, 'total') || '|' ||
               row_number() OVER (PARTITION BY c.report_id, coalesce(c.subject, '') ORDER BY c.line_no) AS subject,
           c.stated_value,
           round(c.change_yuan::DOUBLE / p.prev, 6) AS computed_value,
           round(abs(c.stated_value::DOUBLE - c.change_yuan::DOUBLE / p.prev), 6) AS difference,
           round(dq_half_unit(c.stated_value, c.decimals, c.percent) + 50.0 / p.prev
                 + c.change_yuan::DOUBLE * p.prev_err / (p.prev * p.prev), 6) AS tolerance,
           c.raw_text AS evidence_text,
           c.locator AS source_locator
    FROM {batch} r
    JOIN core_claims c ON c.report_id = r.report_id
    CROSS JOIN LATERAL (
        SELECT coalesce(c.previous_yuan::DOUBLE, c.current_yuan::DOUBLE - c.change_yuan::DOUBLE) AS prev,
               CASE WHEN c.previous_yuan IS NULL THEN 100.0 ELSE 50.0 END AS prev_err
    ) p
    WHERE r.is_current AND c.kind = 'growth' AND c.change_yuan IS NOT NULL AND p.prev > 0
) t
WHERE difference > tolerance
