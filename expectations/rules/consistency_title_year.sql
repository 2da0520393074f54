-- A 2023 title over 2022 money files the report under the wrong year.
SELECT r.report_id, 'title_year' AS subject, r.title_year AS stated_value, r.fiscal_year AS computed_value,
       abs(r.title_year - r.fiscal_year) AS difference, 0 AS tolerance,
       coalesce(e.raw_text, '') AS evidence_text, coalesce(e.locator, '') AS source_locator
FROM {batch} r
LEFT JOIN (SELECT report_id, arg_min(raw_text, locator) AS raw_text, min(locator) AS locator
           FROM core_evidence WHERE field = 'title_year' GROUP BY report_id) e ON e.report_id = r.report_id
WHERE r.is_current AND r.title_year IS NOT NULL AND r.fiscal_year IS NOT NULL AND r.title_year <> r.fiscal_year
