-- A count broken down with 其中 (参保 326.68 万人，其中职工 50.6 万人，居民 273.74 万人) equals the sum of its parts.
-- Whole counts are exact; a count printed with decimals (万人) may differ by half a unit of the last printed digit
-- for the total and for each part. 其中 also introduces partial listings (编制10名，其中局长1名、副局长2名): parts
-- that exceed the total are always a slip, parts that fall short only when they cover at least 90% of it.
SELECT r.report_id,
       'count|' || coalesce(c.subject, '') || '|' ||
           row_number() OVER (PARTITION BY c.report_id, coalesce(c.subject, '') ORDER BY c.line_no) AS subject,
       c.stated_value, c.numerator_count AS computed_value,
       abs(c.stated_value - c.numerator_count) AS difference,
       CASE WHEN c.decimals > 0 THEN 0.5 * pow(10, -c.decimals) * (c.denominator_count + 1) ELSE 0 END AS tolerance,
       c.raw_text AS evidence_text, c.locator AS source_locator
FROM {batch} r
JOIN core_claims c ON c.report_id = r.report_id
WHERE r.is_current AND c.kind = 'count_total' AND c.numerator_count IS NOT NULL
  AND (c.numerator_count > c.stated_value OR c.numerator_count >= 0.9 * c.stated_value)
  AND abs(c.stated_value - c.numerator_count)
      > CASE WHEN c.decimals > 0 THEN 0.5 * pow(10, -c.decimals) * (c.denominator_count + 1) ELSE 0 END
