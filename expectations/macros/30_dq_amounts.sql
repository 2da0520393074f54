-- One amount per report x category x phase for department-level lines (subject NULL): n > 1 when the report
-- states different amounts for the same figure. Rules that add figures up use only n = 1.
CREATE OR REPLACE VIEW dq_amounts AS
SELECT report_id, category, phase,
       count(DISTINCT amount_yuan) AS n,
       min(amount_yuan) AS amount,
       max(amount_yuan) AS amount_max,
       arg_min(raw_text, CASE source WHEN 'table' THEN 0 ELSE 1 END) AS raw_text,
       arg_min(locator, CASE source WHEN 'table' THEN 0 ELSE 1 END) AS locator,
       max(dq_amount_half(raw_text, unit)) AS half_yuan
FROM core_budget_lines
WHERE subject IS NULL
GROUP BY report_id, category, phase;
