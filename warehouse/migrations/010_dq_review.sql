-- 010: data-quality review. Waivers, the alert log, fact columns the rules and alert crops need, and the
-- tolerance macros every rule shares (persisted in the catalogue, so GX's own connection sees them too).

-- A waiver is keyed to the issue (rule, report key, subject) and the values it saw: a resubmission that
-- changes the values lapses it.
CREATE TABLE IF NOT EXISTS dq_waivers (
    issue_id        VARCHAR NOT NULL,
    values_key      VARCHAR NOT NULL,       -- hash of stated and computed values when waived
    reason_code     VARCHAR NOT NULL,
    note            VARCHAR,
    waived_by       VARCHAR,
    waived_at       TIMESTAMP NOT NULL,
    lapsed_at       TIMESTAMP,              -- set when the values changed
    lapsed_run      VARCHAR
);

-- One row per issue per alert sent, so a known issue is not sent again.
CREATE TABLE IF NOT EXISTS dq_alert_log (
    run_id          VARCHAR NOT NULL,
    issue_id        VARCHAR NOT NULL,
    audience        VARCHAR NOT NULL,       -- province | unit:<department>
    channel         VARCHAR NOT NULL,       -- file | smtp | webhook
    sent_at         TIMESTAMP NOT NULL
);

ALTER TABLE core_dq_issues ADD COLUMN IF NOT EXISTS family VARCHAR;
ALTER TABLE core_dq_issues ADD COLUMN IF NOT EXISTS values_key VARCHAR;
ALTER TABLE core_dq_issues ADD COLUMN IF NOT EXISTS department VARCHAR;
ALTER TABLE core_dq_issues ADD COLUMN IF NOT EXISTS resolved_run VARCHAR;

-- page and cell bbox (JSON [x0, top, x1, bottom] in PDF points) so an alert can show the page region
ALTER TABLE core_budget_lines ADD COLUMN IF NOT EXISTS bbox VARCHAR;
ALTER TABLE core_claims ADD COLUMN IF NOT EXISTS page INTEGER;
ALTER TABLE core_claims ADD COLUMN IF NOT EXISTS bbox VARCHAR;
ALTER TABLE core_projects ADD COLUMN IF NOT EXISTS page INTEGER;
ALTER TABLE core_projects ADD COLUMN IF NOT EXISTS bbox VARCHAR;
ALTER TABLE core_indicators ADD COLUMN IF NOT EXISTS page INTEGER;
ALTER TABLE core_indicators ADD COLUMN IF NOT EXISTS bbox VARCHAR;
ALTER TABLE core_scores ADD COLUMN IF NOT EXISTS page INTEGER;
ALTER TABLE core_scores ADD COLUMN IF NOT EXISTS bbox VARCHAR;

-- Half a unit of the last printed digit of a stated rate, as a fraction. A number printed without % whose
-- digits are not a whole count of its last place as a fraction (50.22 read as 0.5022) was printed in percent.
CREATE OR REPLACE MACRO dq_half_unit(stated, decimals, is_percent) AS
    CASE WHEN is_percent OR round(stated * pow(10, decimals), 6) <> round(stated * pow(10, decimals), 0)
         THEN 0.5 * pow(10, -decimals) / 100
         ELSE 0.5 * pow(10, -decimals) END;

-- Tolerance of a stated rate against num / den when both operands were printed to 0.01 万元 (50 yuan each).
CREATE OR REPLACE MACRO dq_rate_tol(stated, decimals, is_percent, num, den) AS
    dq_half_unit(stated, decimals, is_percent) + 50.0 / abs(den::DOUBLE)
    + abs(num::DOUBLE) * 50.0 / (den::DOUBLE * den::DOUBLE);

-- Tolerance of a stated amount against a sum of n printed operands (each off by at most half a unit) plus its
-- own rounding: money printed to 0.01 万元.
CREATE OR REPLACE MACRO dq_sum_tol(n) AS 50.0 * (n + 1);

-- Half a unit of the last printed digit of an amount, in yuan, read from its raw cell text; a sentence or an
-- unreadable cell counts as printed to 0.01 万元.
CREATE OR REPLACE MACRO dq_amount_half(raw, unit) AS
    CASE WHEN regexp_full_match(trim(coalesce(raw, ''), ' 　'), '[0-9,]+(\.[0-9]+)?')
         THEN 0.5 * pow(10, -length(coalesce(regexp_extract(trim(raw, ' 　'), '\.([0-9]+)$', 1), '')))
              * CASE unit WHEN '亿元' THEN 100000000 WHEN '元' THEN 1 ELSE 10000 END
         ELSE 50.0 END;

-- One amount per report x category x phase for department-level lines (subject NULL): n > 1 when the report
-- states different amounts for the same figure. Rules that add figures up use only n = 1.
CREATE OR REPLACE VIEW dq_amounts AS
SELECT report_id, category, phase,
       count(DISTINCT amount_yuan) AS n,
       min(amount_yuan) AS amount,
       max(amount_yuan) AS amount_max,
       arg_min(raw_text, CASE source WHEN 'table' THEN 0 ELSE 1 END) AS raw_text,
       arg_min(locator, CASE source WHEN 'table' THEN 0 ELSE 1 END) AS locator,
       max(dq_amount_half(raw_text, unit)) AS half_yuan
FROM core_budget_lines
WHERE subject IS NULL
GROUP BY report_id, category, phase;
