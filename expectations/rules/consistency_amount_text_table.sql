-- Only when the table states one amount and no sentence amount for that figure agrees with it: a sentence that
-- restates the figure correctly elsewhere is not contradicted by a loosely labelled one. Previous-year figures
-- are left out (their phase comes from nearby years in the text).
WITH tab AS (
    SELECT report_id, category, phase, min(amount_yuan) AS amount, count(DISTINCT amount_yuan) AS n,
           max(dq_amount_half(raw_text, unit)) AS half_yuan, arg_min(locator, line_no) AS cell_locator,
           arg_min(raw_text, line_no) AS cell_text
    FROM core_budget_lines WHERE source = 'table' AND subject IS NULL AND phase NOT IN ('previous', 'budget')
    GROUP BY ALL
),
txt AS (
    SELECT s.report_id, s.category, s.phase, s.amount_yuan, s.raw_text, s.locator,
           bool_or(abs(s.amount_yuan - t.amount) <= t.half_yuan + 50)
               OVER (PARTITION BY s.report_id, s.category, s.phase) AS any_agrees,
           row_number() OVER (PARTITION BY s.report_id, s.category, s.phase ORDER BY s.line_no) AS k
    FROM core_budget_lines s
    JOIN tab t ON t.report_id = s.report_id AND t.category = s.category AND t.phase = s.phase AND t.n = 1
    WHERE s.source = 'sentence' AND s.subject IS NULL
)
SELECT r.report_id, x.category || '|' || x.phase AS subject, x.amount_yuan AS stated_value, t.amount AS computed_value,
       abs(x.amount_yuan - t.amount) AS difference, t.half_yuan + 50 AS tolerance, x.raw_text AS evidence_text,
       x.locator AS source_locator, t.cell_locator AS other_locator, t.cell_text AS other_evidence
FROM {batch} r
JOIN txt x ON x.report_id = r.report_id
JOIN tab t ON t.report_id = x.report_id AND t.category = x.category AND t.phase = x.phase
WHERE r.is_current AND NOT x.any_agrees AND x.k = 1
