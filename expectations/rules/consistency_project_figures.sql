-- Names are matched after dropping a trailing 经费/项目 and spaces (城乡居民基本医疗保险经费 = 城乡居民基本医疗保险).
-- Scores are exact; money agrees within 50 yuan (0.01 万元 printed on both sides).
-- Per field, the first origin in (summary_table, project_table, sentence) order is compared with each other one.
WITH p AS (
    SELECT report_id, regexp_replace(replace(name, ' ', ''), '(经费|项目)$', '') AS pname, coalesce(origin, '') AS origin,
           raw_text, locator, line_no, field, v
    FROM core_projects
    CROSS JOIN LATERAL (VALUES ('full_year', full_year_yuan), ('executed', executed_yuan), ('initial', initial_yuan),
                               ('score', score)) AS x(field, v)
    WHERE v IS NOT NULL AND NOT coalesce(is_total, false) AND NOT regexp_matches(name, '平均')
),
ranked AS (
    SELECT *, dense_rank() OVER (PARTITION BY report_id, pname, field ORDER BY
              CASE origin WHEN 'summary_table' THEN 0 WHEN 'project_table' THEN 1 WHEN 'sentence' THEN 2 ELSE 3 END,
              origin) AS o_rank
    FROM p
),
base AS (SELECT * FROM ranked WHERE o_rank = 1),
other AS (SELECT * FROM ranked WHERE o_rank > 1)
SELECT DISTINCT ON (r.report_id, o.pname, o.field, o.origin)
       r.report_id, o.pname || '|' || o.field || '|' || b.origin || '/' || o.origin AS subject,
       -- money is shown in 万元, scores as printed
       CASE WHEN o.field = 'score' THEN o.v ELSE o.v / 10000 END AS stated_value,
       CASE WHEN o.field = 'score' THEN b.v ELSE b.v / 10000 END AS computed_value,
       CASE WHEN o.field = 'score' THEN abs(o.v - b.v) ELSE abs(o.v - b.v) / 10000 END AS difference,
       CASE WHEN o.field = 'score' THEN 0.0 ELSE 0.005 END AS tolerance,
       o.raw_text || ' ｜ ' || b.raw_text AS evidence_text, o.locator AS source_locator,
       b.locator AS other_locator, b.raw_text AS other_evidence
FROM {batch} r
JOIN other o ON o.report_id = r.report_id
JOIN base b ON b.report_id = o.report_id AND b.pname = o.pname AND b.field = o.field
WHERE r.is_current AND b.origin <> o.origin
  AND abs(o.v - b.v) > CASE WHEN o.field = 'score' THEN 0 ELSE 50 END
  AND NOT EXISTS (SELECT 1 FROM other o2 WHERE o2.report_id = o.report_id AND o2.pname = o.pname
                  AND o2.field = o.field AND o2.origin = o.origin
                  AND abs(o2.v - b.v) <= CASE WHEN o.field = 'score' THEN 0 ELSE 50 END)
