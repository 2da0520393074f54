-- The same department figure (category and phase) stated with two different amounts: one of them is wrong, or a
-- narrower figure carries the department's label (支出决算数 177.87 against 总支出 11,429.51). Amounts within half
-- a unit of their printed digits of each other agree; a 10^4 or 10^8 ratio is completeness_unit_scale's finding.
WITH lines AS (
    SELECT report_id, category, phase, amount_yuan, raw_text, locator, source, line_no,
           dq_amount_half(raw_text, unit) AS half_yuan
    FROM core_budget_lines WHERE subject IS NULL AND phase <> 'previous'
),
pairs AS (
    SELECT a.report_id, a.category, a.phase, a.amount_yuan AS a_amount, b.amount_yuan AS b_amount,
           a.raw_text AS a_text, b.raw_text AS b_text, a.locator, b.locator AS b_locator,
           a.half_yuan + b.half_yuan AS tol,
           row_number() OVER (PARTITION BY a.report_id, a.category, a.phase
                              ORDER BY CASE b.source WHEN 'table' THEN 0 ELSE 1 END, b.line_no, a.line_no) AS k
    FROM lines a
    JOIN lines b ON b.report_id = a.report_id AND b.category = a.category AND b.phase = a.phase
         AND abs(a.amount_yuan - b.amount_yuan) > a.half_yuan + b.half_yuan
         AND a.amount_yuan < b.amount_yuan
    WHERE b.amount_yuan > 0 AND a.amount_yuan > 0
      AND abs(b.amount_yuan / a.amount_yuan / 10000 - 1) >= 0.001
      AND abs(b.amount_yuan / a.amount_yuan / 100000000 - 1) >= 0.001
)
SELECT r.report_id, p.category || '|' || p.phase AS subject, p.a_amount AS stated_value, p.b_amount AS computed_value,
       abs(p.a_amount - p.b_amount) AS difference, p.tol AS tolerance,
       p.a_text || ' ｜ ' || p.b_text AS evidence_text, p.locator AS source_locator,
       p.b_locator AS other_locator, p.b_text AS other_evidence
FROM {batch} r JOIN pairs p ON p.report_id = r.report_id
WHERE r.is_current AND p.k = 1
