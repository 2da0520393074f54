-- A project table's 合计 row: what its projects add up to (sums_project_rows_total), not a project of its own.
ALTER TABLE core_projects ADD COLUMN IF NOT EXISTS is_total BOOLEAN DEFAULT false;
