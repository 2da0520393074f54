-- Self-evaluations are filed after the year closes.
SELECT r.report_id, 'filing_year' AS subject, year(r.filing_date) AS stated_value, r.fiscal_year AS computed_value,
       abs(year(r.filing_date) - r.fiscal_year - 1) AS difference, 0 AS tolerance,
       coalesce(e.raw_text, '') AS evidence_text, coalesce(e.locator, '') AS source_locator
FROM {batch} r
LEFT JOIN (SELECT report_id, arg_min(raw_text, locator) AS raw_text, min(locator) AS locator
           FROM core_evidence WHERE field = 'filing_date' GROUP BY report_id) e ON e.report_id = r.report_id
WHERE r.is_current AND r.filing_date IS NOT NULL AND r.fiscal_year IS NOT NULL
  AND year(r.filing_date) <> r.fiscal_year + 1
