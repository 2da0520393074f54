-- A share above 100% is impossible; when the operands are named, rate_share reports it with the recomputation.
SELECT r.report_id,
       'share|' || coalesce(c.subject, 'total') || '|' ||
           row_number() OVER (PARTITION BY c.report_id, coalesce(c.subject, '') ORDER BY c.line_no) AS subject,
       c.stated_value, 1.0 AS computed_value, round(c.stated_value - 1, 6) AS difference,
       0.0 AS tolerance, c.raw_text AS evidence_text, c.locator AS source_locator
FROM {batch} r
JOIN core_claims c ON c.report_id = r.report_id
WHERE r.is_current AND c.kind = 'share' AND c.stated_value > 1
  AND (c.numerator_yuan IS NULL OR c.denominator_yuan IS NULL)
  AND (c.numerator_count IS NULL OR c.denominator_count IS NULL)
