-- The printed precision of a project rate is read from the stored value (1.000000 printed as 100%: half of 1%).
SELECT report_id, subject, stated_value, computed_value, difference, tolerance, evidence_text, source_locator
FROM (
    SELECT r.report_id,
           p.name || '|' || coalesce(p.origin, '') || '|' ||
               row_number() OVER (PARTITION BY p.report_id, p.name, coalesce(p.origin, '') ORDER BY p.line_no) AS subject,
           p.stated_rate AS stated_value,
           round(p.executed_yuan::DOUBLE / p.full_year_yuan::DOUBLE, 6) AS computed_value,
           round(abs(p.stated_rate::DOUBLE - p.executed_yuan::DOUBLE / p.full_year_yuan::DOUBLE), 6) AS difference,
           round(0.5 * pow(10, -length(coalesce(regexp_extract(
                     rtrim(rtrim(printf('%.6f', p.stated_rate * 100), '0'), '.'), '[.]([0-9]+)$', 1), ''))) / 100
                 + 50.0 / p.full_year_yuan::DOUBLE
                 + p.executed_yuan::DOUBLE * 50.0 / (p.full_year_yuan::DOUBLE * p.full_year_yuan::DOUBLE), 6) AS tolerance,
           p.raw_text AS evidence_text,
           p.locator AS source_locator
    FROM {batch} r
    JOIN core_projects p ON p.report_id = r.report_id
    WHERE r.is_current AND p.stated_rate IS NOT NULL AND p.executed_yuan IS NOT NULL AND p.full_year_yuan > 0
) t
WHERE difference > tolerance
