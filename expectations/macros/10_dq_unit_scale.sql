-- Yuan per printed money unit, from transforms/vocabulary/measures.yaml (the table transforms/normalize/units.py reads).
CREATE OR REPLACE TABLE dq_unit_scale AS SELECT * FROM (VALUES {money_units}) AS t(unit, yuan);
