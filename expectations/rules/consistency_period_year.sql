-- A sentence names another year as the period of the report's work or money (截至2022年底 in a report on 2023).
SELECT r.report_id, e.raw_text AS subject, CAST(regexp_extract(e.raw_text, '(20[0-9][0-9])', 1) AS INTEGER) AS stated_value,
       r.fiscal_year AS computed_value,
       abs(CAST(regexp_extract(e.raw_text, '(20[0-9][0-9])', 1) AS INTEGER) - r.fiscal_year) AS difference,
       0 AS tolerance, e.raw_text AS evidence_text, e.locator AS source_locator
FROM {batch} r
JOIN core_evidence e ON e.report_id = r.report_id AND e.field = 'period_year'
WHERE r.is_current AND r.fiscal_year IS NOT NULL
  AND CAST(regexp_extract(e.raw_text, '(20[0-9][0-9])', 1) AS INTEGER) <> r.fiscal_year
