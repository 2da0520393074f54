-- 016: the other place of a two-place issue (the table cell a sentence contradicts, the second statement of a
-- figure), so a reviewer sees both: its locator and its text.
ALTER TABLE core_dq_issues ADD COLUMN IF NOT EXISTS other_locator VARCHAR;
ALTER TABLE core_dq_issues ADD COLUMN IF NOT EXISTS other_evidence VARCHAR;
