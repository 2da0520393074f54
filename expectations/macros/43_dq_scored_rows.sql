-- What a table's total score adds up: every indicator row and the scored 预算执行率 row (a score line of level
-- execution, which is no indicator), with the table (表N) each was read from.
CREATE OR REPLACE VIEW dq_scored_rows AS
SELECT report_id, owner, regexp_extract(coalesce(locator, ''), '表([0-9]+)', 1) AS tbl, level3 AS name, weight, score,
       raw_text, locator
FROM core_indicators
UNION ALL
SELECT report_id, owner, regexp_extract(coalesce(locator, ''), '表([0-9]+)', 1) AS tbl, name, weight, score, raw_text,
       locator
FROM core_scores WHERE level = 'execution';
