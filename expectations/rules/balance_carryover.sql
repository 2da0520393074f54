-- Carry-overs are stated once whatever phase the reader gave them; income and expenditure are the executed figures.
WITH one AS (
    SELECT report_id, category, min(amount) AS amount, count(DISTINCT amount) AS n, max(half_yuan) AS half_yuan,
           arg_min(raw_text, phase) AS raw_text, arg_min(locator, phase) AS locator
    FROM dq_amounts
    WHERE (category IN ('opening_carryover', 'closing_carryover') AND phase <> 'previous')
       OR (category IN ('income', 'total') AND phase = 'executed')
    GROUP BY report_id, category
)
SELECT r.report_id, 'closing_carryover' AS subject, c.amount AS stated_value,
       o.amount + i.amount - e.amount AS computed_value,
       abs(c.amount - (o.amount + i.amount - e.amount)) AS difference,
       o.half_yuan + i.half_yuan + e.half_yuan + c.half_yuan AS tolerance,
       c.raw_text AS evidence_text, c.locator AS source_locator
FROM {batch} r
JOIN one o ON o.report_id = r.report_id AND o.category = 'opening_carryover' AND o.n = 1
JOIN one i ON i.report_id = r.report_id AND i.category = 'income' AND i.n = 1
JOIN one e ON e.report_id = r.report_id AND e.category = 'total' AND e.n = 1
JOIN one c ON c.report_id = r.report_id AND c.category = 'closing_carryover' AND c.n = 1
WHERE r.is_current
  AND abs(c.amount - (o.amount + i.amount - e.amount)) > o.half_yuan + i.half_yuan + e.half_yuan + c.half_yuan
