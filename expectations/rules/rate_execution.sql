-- A stated execution rate disagrees with executed / budget beyond the printed precision.
-- Tolerance: half a unit of the last printed digit, plus the effect of operands rounded to 0.01 of their unit.
SELECT r.report_id,
       coalesce(c.subject, 'total') || '#' || c.line_no AS subject,
       c.stated_value AS stated_value,
       round(c.numerator_yuan / c.denominator_yuan, 6) AS computed_value,
       round(abs(c.stated_value - c.numerator_yuan / c.denominator_yuan), 6) AS difference,
       round(CASE WHEN c.percent THEN 0.5 * pow(10, -c.decimals) / 100 ELSE 0.5 * pow(10, -c.decimals) END
             + 0.005 * 10000 / c.denominator_yuan * 2, 6) AS tolerance,
       c.raw_text AS evidence_text,
       c.locator AS source_locator
FROM {batch} r
JOIN core_claims c USING (report_id)
WHERE r.is_current
  AND c.kind = 'execution_rate'
  AND c.numerator_yuan IS NOT NULL AND c.denominator_yuan > 0
  AND abs(c.stated_value - c.numerator_yuan / c.denominator_yuan)
      > CASE WHEN c.percent THEN 0.5 * pow(10, -c.decimals) / 100 ELSE 0.5 * pow(10, -c.decimals) END
        + 0.005 * 10000 / c.denominator_yuan * 2
