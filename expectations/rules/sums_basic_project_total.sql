-- basic + project (+ operating) = total expenditure.
-- Each figure counts only when the report states one amount for it in that phase (dq_amounts.n = 1).
SELECT t.report_id,
       'total|' || t.phase AS subject,
       t.amount AS stated_value,
       s.parts AS computed_value,
       abs(t.amount - s.parts) AS difference,
       t.half_yuan + s.halves AS tolerance,
       t.raw_text || ' ｜ ' || s.listing AS evidence_text,
       t.locator AS source_locator
FROM {batch} r
JOIN dq_amounts t ON t.report_id = r.report_id AND t.category = 'total' AND t.n = 1
JOIN (
    SELECT report_id, phase, sum(amount) AS parts, sum(half_yuan) AS halves, count(*) AS k,
           count(*) FILTER (WHERE category IN ('basic', 'project')) AS k_needed,
           string_agg(category || ' ' || amount, ' + ' ORDER BY category) AS listing
    FROM dq_amounts
    WHERE category IN ('basic', 'project', 'operating') AND n = 1
    GROUP BY report_id, phase
) s ON s.report_id = t.report_id AND s.phase = t.phase
WHERE r.is_current AND s.k_needed >= 2
  AND abs(t.amount - s.parts) > t.half_yuan + s.halves
