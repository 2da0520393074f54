-- Half a unit of the last printed digit of an amount, in yuan, read from its raw cell text in the unit the report
-- printed (元, 千元, 万元, 亿元 per dq_unit_scale); a sentence or an unreadable cell counts as printed to 0.01 万元.
CREATE OR REPLACE MACRO dq_amount_half(raw, printed_unit) AS
    CASE WHEN regexp_full_match(trim(coalesce(raw, ''), ' 　'), '[0-9,]+(\.[0-9]+)?')
         THEN 0.5 * pow(10, -length(coalesce(regexp_extract(trim(raw, ' 　'), '\.([0-9]+)$', 1), '')))
              * coalesce((SELECT s.yuan FROM dq_unit_scale s WHERE s.unit = coalesce(printed_unit, '万元')), 10000)
         ELSE 50.0 END;
