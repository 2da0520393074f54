-- Yuan per printed money unit, from transforms/money_units.csv (the same table transforms/normalize/numbers.py reads).
CREATE OR REPLACE TABLE dq_unit_scale AS SELECT unit, yuan::DOUBLE AS yuan FROM read_csv('{money_units}', header = true);
