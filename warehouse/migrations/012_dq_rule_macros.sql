-- 012: shared arithmetic of the rules, one definition each.

-- The parts add up to the total (the sums rules). A total counts in a phase only when
-- the report states one amount for it (dq_amounts.n = 1), likewise each part; at least two of the needed parts
-- must be stated. Tolerance: half a printed unit of the total plus half of each part.
CREATE OR REPLACE MACRO dq_parts_vs_total(total_category, part_categories, needed_categories) AS TABLE
SELECT t.report_id,
       total_category || '|' || t.phase AS subject,
       t.amount AS stated_value,
       s.parts AS computed_value,
       abs(t.amount - s.parts) AS difference,
       t.half_yuan + s.halves AS tolerance,
       t.raw_text || ' ｜ ' || s.listing AS evidence_text,
       t.locator AS source_locator
FROM dq_amounts t
JOIN (
    SELECT report_id, phase, sum(amount) AS parts, sum(half_yuan) AS halves,
           count(*) FILTER (WHERE list_contains(needed_categories, category)) AS k_needed,
           string_agg(category || ' ' || amount, ' + ' ORDER BY category) AS listing
    FROM dq_amounts
    WHERE list_contains(part_categories, category) AND n = 1
    GROUP BY report_id, phase
) s ON s.report_id = t.report_id AND s.phase = t.phase
WHERE t.category = total_category AND t.n = 1 AND s.k_needed >= 2
  AND abs(t.amount - s.parts) > t.half_yuan + s.halves;

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

-- Indicators whose numeric target and actual can be compared, with whether the target's operator was met
-- (the targets rules).
CREATE OR REPLACE VIEW dq_indicator_targets AS
SELECT i.*,
       CASE coalesce(i.target_op, '>=')
           WHEN '>=' THEN i.actual_value >= i.target_value
           WHEN '>' THEN i.actual_value > i.target_value
           WHEN '<=' THEN i.actual_value <= i.target_value
           WHEN '<' THEN i.actual_value < i.target_value
           WHEN '=' THEN i.actual_value = i.target_value
       END AS met
FROM core_indicators i
WHERE i.target_value IS NOT NULL AND i.actual_value IS NOT NULL
  AND NOT coalesce(i.target_qualitative, false) AND NOT coalesce(i.actual_qualitative, false)
  -- an actual stated as a bound (≥95%) is not a measurement
  AND coalesce(i.actual_op, '=') = '='
  AND (i.target_unit IS NULL OR i.actual_unit IS NULL OR i.target_unit = i.actual_unit
       OR left(i.target_unit, 1) = left(i.actual_unit, 1));
