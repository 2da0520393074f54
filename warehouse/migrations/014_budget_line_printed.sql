-- 014: the figure of a budget line as a sentence printed it (2671.0 of "支出2671.0万元"), so a rule's tolerance
-- follows the precision the sentence printed; a table line's raw_text is its cell and needs none.
ALTER TABLE core_budget_lines ADD COLUMN IF NOT EXISTS printed VARCHAR;
