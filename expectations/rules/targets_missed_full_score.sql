-- dq_indicator_targets (expectations/macros/42_dq_indicator_targets.sql) judges each target against its operator.
-- the printed target (>50%) is part of the subject, so the reviewer sees the operator that was missed
SELECT r.report_id, j.owner || '|' || j.level3 || '|' || coalesce(j.target_raw, '') AS subject, j.actual_value AS stated_value,
       j.target_value AS computed_value, abs(j.actual_value - j.target_value) AS difference, 0.0 AS tolerance,
       j.raw_text AS evidence_text, j.locator AS source_locator
FROM {batch} r JOIN dq_indicator_targets j ON j.report_id = r.report_id
WHERE r.is_current AND NOT j.met AND j.score IS NOT NULL AND j.weight IS NOT NULL AND j.score >= j.weight
