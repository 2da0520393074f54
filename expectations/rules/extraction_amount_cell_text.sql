-- Digits, separators, signs, spaces, units and ％ are expected; anything else may have been misread. A cell that
-- holds its own label before a colon (按收入性质分：359.98) is a normal layout: only the text after the last colon
-- is judged.
SELECT r.report_id, b.raw_text || '|' || b.category || '|' || b.phase AS subject, b.amount_yuan AS stated_value,
       NULL::DOUBLE AS computed_value, NULL::DOUBLE AS difference, 0.0 AS tolerance, b.raw_text AS evidence_text,
       b.locator AS source_locator
FROM {batch} r JOIN core_budget_lines b ON b.report_id = r.report_id
WHERE r.is_current AND b.source = 'table'
  AND length(regexp_replace(regexp_replace(b.raw_text, '^[^0-9０-９]*[:：]', ''),
                            '[0-9０-９,，.．\s　+\-−元万亿（）()]', '', 'g')) > 0
