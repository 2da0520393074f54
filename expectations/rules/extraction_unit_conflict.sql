-- The cell's unit wins in the reading; the reviewer should know the table's caption says otherwise.
SELECT DISTINCT ON (r.report_id, b.locator)
       r.report_id, b.raw_text || '|' || b.category || '|' || b.phase AS subject, b.unit AS stated_value,
       o.unit AS computed_value, NULL::DOUBLE AS difference, 0.0 AS tolerance, b.raw_text AS evidence_text,
       b.locator AS source_locator
FROM {batch} r
JOIN core_budget_lines b ON b.report_id = r.report_id AND b.source = 'table'
JOIN core_budget_lines o ON o.report_id = b.report_id AND o.source = 'table' AND o.unit <> b.unit
     AND o.table_no = b.table_no AND o.page IS NOT DISTINCT FROM b.page
     AND regexp_extract(trim(o.raw_text, ' 　'), '(亿元|万元|元)$', 1) = ''
WHERE r.is_current AND regexp_extract(trim(b.raw_text, ' 　'), '(亿元|万元|元)$', 1) <> ''
