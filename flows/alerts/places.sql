-- Where each wanted (report_id, locator) was printed: the page and box of a fact row of that report at that
-- locator which kept a page, a row with a box before one without. `wanted` is registered by the caller.
WITH facts AS (
    SELECT report_id, locator, page, bbox FROM core_budget_lines
    UNION ALL SELECT report_id, locator, page, bbox FROM core_claims
    UNION ALL SELECT report_id, locator, page, bbox FROM core_projects
    UNION ALL SELECT report_id, locator, page, bbox FROM core_indicators
    UNION ALL SELECT report_id, locator, page, bbox FROM core_scores
    UNION ALL SELECT report_id, locator, page, bbox FROM core_evidence
)
SELECT f.report_id, f.locator, f.page, f.bbox
FROM facts f
SEMI JOIN wanted w ON w.report_id = f.report_id AND w.locator = f.locator
WHERE f.page IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY f.report_id, f.locator ORDER BY f.bbox IS NULL) = 1
