-- A stated execution rate disagrees with executed / budget beyond half a unit of its last printed digit
-- plus the effect of operands printed to 0.01 万元. A sentence that states the rate without its operands
-- ("部门预算执行率为100.73%") is checked against the report's own executed and full-year figures for its subject,
-- read from the table when a table states them (one amount), else from the text (one amount).
WITH amt AS (
    SELECT report_id, category, phase,
           CASE WHEN count(DISTINCT amount_yuan) FILTER (WHERE source = 'table') = 1
                     THEN min(amount_yuan) FILTER (WHERE source = 'table')
                WHEN count(DISTINCT amount_yuan) FILTER (WHERE source = 'table') = 0
                     AND count(DISTINCT amount_yuan) = 1 THEN min(amount_yuan) END AS amount,
           arg_min(locator, CASE source WHEN 'table' THEN 0 ELSE 1 END * 100000 + line_no) AS locator,
           arg_min(raw_text, CASE source WHEN 'table' THEN 0 ELSE 1 END * 100000 + line_no) AS raw_text
    FROM core_budget_lines WHERE subject IS NULL GROUP BY ALL
),
ops AS (
    SELECT c.*, coalesce(c.numerator_yuan, ex.amount) AS num,
           coalesce(c.denominator_yuan, adj.amount, bud.amount) AS den,
           -- where the report's own figures were taken from, when the sentence names none
           CASE WHEN c.numerator_yuan IS NULL THEN ex.locator END AS num_locator,
           CASE WHEN c.numerator_yuan IS NULL THEN ex.raw_text || ' ÷ ' || coalesce(adj.raw_text, bud.raw_text) END
               AS operands_text
    FROM core_claims c
    LEFT JOIN amt ex ON ex.report_id = c.report_id AND ex.category = coalesce(c.subject, 'total') AND ex.phase = 'executed'
    LEFT JOIN amt adj ON adj.report_id = c.report_id AND adj.category = coalesce(c.subject, 'total') AND adj.phase = 'adjusted'
    LEFT JOIN amt bud ON bud.report_id = c.report_id AND bud.category = coalesce(c.subject, 'total') AND bud.phase = 'budget'
    WHERE c.kind = 'execution_rate'
)
SELECT report_id, subject, stated_value, computed_value, difference, tolerance, evidence_text, source_locator,
       other_locator, other_evidence
FROM (
    SELECT r.report_id,
           c.kind || '|' || coalesce(c.subject, 'total') || '|' ||
               row_number() OVER (PARTITION BY c.report_id, c.kind, coalesce(c.subject, '') ORDER BY c.line_no)
               AS subject,
           c.stated_value,
           round(c.num::DOUBLE / c.den::DOUBLE, 6) AS computed_value,
           round(abs(c.stated_value::DOUBLE - c.num::DOUBLE / c.den::DOUBLE), 6) AS difference,
           round(dq_rate_tol(c.stated_value, c.decimals, c.percent, c.num, c.den), 6) AS tolerance,
           c.raw_text AS evidence_text,
           c.locator AS source_locator,
           c.num_locator AS other_locator,
           c.operands_text AS other_evidence
    FROM {batch} r
    JOIN ops c ON c.report_id = r.report_id
    WHERE r.is_current AND c.num IS NOT NULL AND c.den IS NOT NULL AND c.den <> 0
) t
WHERE difference > tolerance
