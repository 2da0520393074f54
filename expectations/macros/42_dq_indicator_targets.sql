-- Indicators whose numeric target and actual can be compared, with whether the target's operator was met
-- (the targets rules).
CREATE OR REPLACE VIEW dq_indicator_targets AS
SELECT i.*,
       CASE coalesce(i.target_op, '>=')
           WHEN '>=' THEN i.actual_value >= i.target_value
           WHEN '>' THEN i.actual_value > i.target_value
           WHEN '<=' THEN i.actual_value <= i.target_value
           WHEN '<' THEN i.actual_value < i.target_value
           WHEN '=' THEN i.actual_value = i.target_value
       END AS met
FROM core_indicators i
WHERE i.target_value IS NOT NULL AND i.actual_value IS NOT NULL
  AND NOT coalesce(i.target_qualitative, false) AND NOT coalesce(i.actual_qualitative, false)
  -- an actual stated as a bound (≥95%) is not a measurement
  AND coalesce(i.actual_op, '=') = '='
  AND (i.target_unit IS NULL OR i.actual_unit IS NULL OR i.target_unit = i.actual_unit
       OR left(i.target_unit, 1) = left(i.actual_unit, 1));
