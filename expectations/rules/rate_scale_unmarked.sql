-- The reader stores 50.22 under a 率 column as 0.5022 with percent = false; digits beyond the fraction's printed
-- places show the printed number was a percentage. stated_value shows the number as printed.
SELECT r.report_id,
       c.kind || '|' || coalesce(c.subject, 'total') || '|' ||
           row_number() OVER (PARTITION BY c.report_id, c.kind, coalesce(c.subject, '') ORDER BY c.line_no) AS subject,
       round(c.stated_value * 100, 6) AS stated_value,
       c.stated_value AS computed_value,
       round(c.stated_value * 99, 6) AS difference,
       0.0 AS tolerance,
       c.raw_text AS evidence_text,
       c.locator AS source_locator
FROM {batch} r
JOIN core_claims c ON c.report_id = r.report_id
WHERE r.is_current AND c.percent = false AND c.kind LIKE '%rate'
  AND round(c.stated_value * pow(10, c.decimals), 6) <> round(c.stated_value * pow(10, c.decimals), 0)
