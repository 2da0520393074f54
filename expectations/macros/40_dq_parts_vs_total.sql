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
