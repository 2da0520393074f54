-- A share of counted items whose whole is not printed (13个预算项目…占项目总数86.67%) implies the whole: part / share
-- must come within the share's printed precision of a whole number (13 / 86.67% = 15.0). No whole number in reach
-- means the count or the share is misprinted.
SELECT report_id, subject, stated_value, computed_value, difference, tolerance, evidence_text, source_locator
FROM (
    SELECT r.report_id,
           'share|部分 ' || c.numerator_count::BIGINT || '|' ||
               row_number() OVER (PARTITION BY c.report_id ORDER BY c.line_no) AS subject,
           round(c.numerator_count / c.stated_value, 4) AS stated_value,
           round(c.numerator_count / c.stated_value, 0) AS computed_value,
           round(abs(c.numerator_count / c.stated_value - round(c.numerator_count / c.stated_value, 0)), 4)
               AS difference,
           round(c.numerator_count / (c.stated_value - dq_half_unit(c.stated_value, c.decimals, c.percent))
                 - c.numerator_count / c.stated_value, 4) AS tolerance,
           c.raw_text AS evidence_text,
           c.locator AS source_locator
    FROM {batch} r
    JOIN core_claims c ON c.report_id = r.report_id
    WHERE r.is_current AND c.kind = 'share' AND c.numerator_count IS NOT NULL AND c.denominator_count IS NULL
      AND c.stated_value > dq_half_unit(c.stated_value, c.decimals, c.percent) AND c.stated_value <= 1
) t
WHERE difference > tolerance
