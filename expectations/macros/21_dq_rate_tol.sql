-- Tolerance of a stated rate against num / den when both operands were printed to 0.01 万元 (50 yuan each).
CREATE OR REPLACE MACRO dq_rate_tol(stated, decimals, is_percent, num, den) AS
    dq_half_unit(stated, decimals, is_percent) + 50.0 / abs(den::DOUBLE)
    + abs(num::DOUBLE) * 50.0 / (den::DOUBLE * den::DOUBLE);
