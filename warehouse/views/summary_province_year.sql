-- Provincial summary by fiscal year (built after each run).
CREATE OR REPLACE VIEW summary_province_year AS
SELECT * FROM mart_summary_province_year;
