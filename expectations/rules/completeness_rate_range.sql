-- Beyond 150% a rate is a misprint or a misread scale, unless the figures it is stated with give it (a 三公 line
-- spent over its budget: 6.21 of 3.95 is 157.22%), which rate_execution and the over-budget rule judge.
SELECT r.report_id,
       c.kind || '|' || coalesce(c.subject, 'total') || '|' ||
           row_number() OVER (PARTITION BY c.report_id, c.kind, coalesce(c.subject, '') ORDER BY c.line_no) AS subject,
       c.stated_value, 1.5 AS computed_value, CASE WHEN c.stated_value < 0 THEN -c.stated_value ELSE c.stated_value - 1.5 END AS difference,
       0.0 AS tolerance, c.raw_text AS evidence_text, c.locator AS source_locator
FROM {batch} r JOIN core_claims c ON c.report_id = r.report_id
WHERE r.is_current AND c.kind IN ('execution_rate', 'control_rate', 'carryover_rate', 'procurement_rate', 'completion_rate')
  AND (c.stated_value < 0 OR c.stated_value > 1.5)
  AND NOT coalesce(c.denominator_yuan > 0 AND abs(c.numerator_yuan / c.denominator_yuan - c.stated_value)
                   <= dq_rate_tol(c.stated_value, c.decimals, c.percent, c.numerator_yuan, c.denominator_yuan), false)
