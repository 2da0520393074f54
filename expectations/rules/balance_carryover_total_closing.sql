-- Both name the money left at year end; the previous year's figure is excluded.
SELECT r.report_id, 'carryover_total|closing' AS subject, a.amount AS stated_value, b.amount AS computed_value,
       abs(a.amount - b.amount) AS difference, a.half_yuan + b.half_yuan AS tolerance,
       a.raw_text || ' ｜ ' || b.raw_text AS evidence_text, a.locator AS source_locator
FROM {batch} r
JOIN dq_amounts a ON a.report_id = r.report_id AND a.category = 'carryover_total' AND a.phase <> 'previous' AND a.n = 1
JOIN dq_amounts b ON b.report_id = r.report_id AND b.category = 'closing_carryover' AND b.phase <> 'previous' AND b.n = 1
WHERE r.is_current AND abs(a.amount - b.amount) > a.half_yuan + b.half_yuan
