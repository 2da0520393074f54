-- income sources = total income (财政拨款 is left out: it overlaps 一般公共预算 and 政府性基金).
-- The arithmetic and its tolerance live in dq_parts_vs_total (expectations/macros/40_dq_parts_vs_total.sql).
SELECT v.report_id, v.subject, v.stated_value, v.computed_value, v.difference, v.tolerance, v.evidence_text,
       v.source_locator
FROM {batch} r
JOIN dq_parts_vs_total('income',
                       ['income_general_public', 'income_gov_fund', 'income_nontax', 'income_other'],
                       ['income_general_public', 'income_gov_fund', 'income_nontax', 'income_other']) v
  ON v.report_id = r.report_id
WHERE r.is_current
