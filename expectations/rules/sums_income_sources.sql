-- income sources = total income (财政拨款 is left out: it overlaps 一般公共预算 and 政府性基金).
-- Each figure counts only when the report states one amount for it in that phase (dq_amounts.n = 1).
SELECT t.report_id,
       'income|' || t.phase AS subject,
       t.amount AS stated_value,
       s.parts AS computed_value,
       abs(t.amount - s.parts) AS difference,
       t.half_yuan + s.halves AS tolerance,
       t.raw_text || ' ｜ ' || s.listing AS evidence_text,
       t.locator AS source_locator
FROM {batch} r
JOIN dq_amounts t ON t.report_id = r.report_id AND t.category = 'income' AND t.n = 1
JOIN (
    SELECT report_id, phase, sum(amount) AS parts, sum(half_yuan) AS halves, count(*) AS k,
           count(*) FILTER (WHERE category IN ('income_general_public', 'income_gov_fund', 'income_nontax', 'income_other')) AS k_needed,
           string_agg(category || ' ' || amount, ' + ' ORDER BY category) AS listing
    FROM dq_amounts
    WHERE category IN ('income_general_public', 'income_gov_fund', 'income_nontax', 'income_other') AND n = 1
    GROUP BY report_id, phase
) s ON s.report_id = t.report_id AND s.phase = t.phase
WHERE r.is_current AND s.k_needed >= 2
  AND abs(t.amount - s.parts) > t.half_yuan + s.halves
