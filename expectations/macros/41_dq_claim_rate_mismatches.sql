-- A stated rate disagrees with numerator / denominator as the text names them (rates stated with their operands).
-- Operands are amounts; with_counts also admits counts (shares of items). Tolerance per dq_rate_tol, or half a
-- printed unit for counts.
CREATE OR REPLACE MACRO dq_claim_rate_mismatches(kinds, with_counts) AS TABLE
SELECT report_id, subject, stated_value, computed_value, difference, tolerance, evidence_text, source_locator
FROM (
    SELECT c.report_id,
           c.kind || '|' || coalesce(c.subject, 'total') || '|' ||
               row_number() OVER (PARTITION BY c.report_id, c.kind, coalesce(c.subject, '') ORDER BY c.line_no)
               AS subject,
           c.stated_value,
           round(o.num / o.den, 6) AS computed_value,
           round(abs(c.stated_value::DOUBLE - o.num / o.den), 6) AS difference,
           round(CASE WHEN c.numerator_yuan IS NOT NULL
                      THEN dq_rate_tol(c.stated_value, c.decimals, c.percent, c.numerator_yuan, c.denominator_yuan)
                      ELSE dq_half_unit(c.stated_value, c.decimals, c.percent) END, 6) AS tolerance,
           c.raw_text AS evidence_text,
           c.locator AS source_locator
    FROM core_claims c
    JOIN core_reports r ON r.report_id = c.report_id AND r.is_current
    CROSS JOIN LATERAL (
        SELECT coalesce(c.numerator_yuan, CASE WHEN with_counts THEN c.numerator_count END)::DOUBLE AS num,
               coalesce(c.denominator_yuan, CASE WHEN with_counts THEN c.denominator_count END)::DOUBLE AS den
    ) o
    WHERE list_contains(kinds, c.kind) AND o.num IS NOT NULL AND o.den IS NOT NULL AND o.den <> 0
) t
WHERE difference > tolerance;
