-- Tolerance of a stated amount against a sum of n printed operands (each off by at most half a unit) plus its
-- own rounding: money printed to 0.01 万元.
CREATE OR REPLACE MACRO dq_sum_tol(n) AS 50.0 * (n + 1);
