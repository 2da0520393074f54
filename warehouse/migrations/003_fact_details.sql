-- 003: fact fields added to the extraction model after 001 (claims' named operands, projects' origin and units).
ALTER TABLE core_claims ADD COLUMN IF NOT EXISTS current_yuan DECIMAL(20, 2);
ALTER TABLE core_claims ADD COLUMN IF NOT EXISTS previous_yuan DECIMAL(20, 2);
ALTER TABLE core_claims ADD COLUMN IF NOT EXISTS change_yuan DECIMAL(20, 2);
ALTER TABLE core_claims ADD COLUMN IF NOT EXISTS numerator_count DECIMAL(20, 4);
ALTER TABLE core_claims ADD COLUMN IF NOT EXISTS denominator_count DECIMAL(20, 4);
ALTER TABLE core_projects ADD COLUMN IF NOT EXISTS origin VARCHAR;
ALTER TABLE core_projects ADD COLUMN IF NOT EXISTS unit_name VARCHAR;
ALTER TABLE core_projects ADD COLUMN IF NOT EXISTS supervisor VARCHAR;
