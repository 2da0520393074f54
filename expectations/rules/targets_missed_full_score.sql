WITH judged AS (
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
           OR left(i.target_unit, 1) = left(i.actual_unit, 1))
)
-- the printed target (>50%) is part of the subject, so the reviewer sees the operator that was missed
SELECT r.report_id, j.owner || '|' || j.level3 || '|' || coalesce(j.target_raw, '') AS subject, j.actual_value AS stated_value,
       j.target_value AS computed_value, abs(j.actual_value - j.target_value) AS difference, 0.0 AS tolerance,
       j.raw_text AS evidence_text, j.locator AS source_locator
FROM {batch} r JOIN judged j ON j.report_id = r.report_id
WHERE r.is_current AND NOT j.met AND j.score IS NOT NULL AND j.weight IS NOT NULL AND j.score >= j.weight
