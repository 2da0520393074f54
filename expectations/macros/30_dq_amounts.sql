-- One amount per report x category x phase for department-level lines (subject NULL). The figure is the most
-- precisely printed statement of it (a table's cell before a sentence); a statement that agrees with it within
-- both printed precisions (24291.6 beside 24291.55) restates the same figure. n > 1 when the report states
-- different amounts for the same figure; rules that add figures up use only n = 1.
CREATE OR REPLACE VIEW dq_amounts AS
WITH l AS (
    SELECT report_id, category, phase, amount_yuan, raw_text, locator,
           dq_amount_half(coalesce(printed, raw_text), unit) AS half,
           dq_amount_half(coalesce(printed, raw_text), unit) + CASE source WHEN 'table' THEN 0 ELSE 0.001 END AS rank
    FROM core_budget_lines
    WHERE subject IS NULL
),
best AS (
    SELECT report_id, category, phase, arg_min(amount_yuan, rank) AS amount, min(half) AS half_yuan,
           arg_min(raw_text, rank) AS raw_text, arg_min(locator, rank) AS locator
    FROM l
    GROUP BY report_id, category, phase
)
SELECT b.report_id, b.category, b.phase,
       1 + count(DISTINCT l.amount_yuan) FILTER (WHERE abs(l.amount_yuan - b.amount) > l.half + b.half_yuan) AS n,
       b.amount, b.raw_text, b.locator, b.half_yuan
FROM best b
JOIN l ON l.report_id = b.report_id AND l.category = b.category AND l.phase = b.phase
GROUP BY b.report_id, b.category, b.phase, b.amount, b.raw_text, b.locator, b.half_yuan;
