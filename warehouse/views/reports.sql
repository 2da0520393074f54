-- One row per loaded report (current version); earlier versions are in reports_history.
CREATE OR REPLACE VIEW reports AS
SELECT report_id, source_file, sha256, department, province, city, county, division_code, admin_level,
       fiscal_year, filing_date, self_eval_score,
       COALESCE(grade_stated, derived.band) AS grade,
       COALESCE(stated.band, derived.band) AS grade_band,
       CASE WHEN grade_stated IS NOT NULL THEN 'stated' WHEN self_eval_score IS NOT NULL THEN 'derived' END
           AS grade_source,
       title_year, fiscal_year_source, preparer, report_kind, report_subject, coalesce(incomplete, false) AS incomplete,
       missing_fields, assignment_id, report_key, version, media_type, pages, load_id, loaded_at
FROM core_reports r
-- the band a printed word names (优 is 优秀), and the band the score falls in (a grade word that is its band)
LEFT JOIN ref_grade_words stated ON stated.word = r.grade_stated
LEFT JOIN ref_grade_words derived ON derived.word = derived.band
     AND r.self_eval_score >= derived.min_score AND r.self_eval_score < derived.max_score
WHERE is_current;
