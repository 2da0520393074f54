-- Half a unit of the last printed digit of a stated rate, as a fraction. A number printed without % whose
-- digits are not a whole count of its last place as a fraction (50.22 read as 0.5022) was printed in percent.
CREATE OR REPLACE MACRO dq_half_unit(stated, decimals, is_percent) AS
    CASE WHEN is_percent OR round(stated * pow(10, decimals), 6) <> round(stated * pow(10, decimals), 0)
         THEN 0.5 * pow(10, -decimals) / 100
         ELSE 0.5 * pow(10, -decimals) END;
