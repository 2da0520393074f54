-- Stated rates, shares and changes with the operands the text names.
CREATE OR REPLACE VIEW claims AS
SELECT r.report_id, r.department, r.province, r.fiscal_year, c.line_no, c.kind, c.subject, c.stated_value,
       c.decimals, c.percent, c.numerator_yuan, c.denominator_yuan, c.current_yuan, c.previous_yuan, c.change_yuan,
       c.numerator_count, c.denominator_count, c.raw_text, c.locator
FROM core_claims c JOIN core_reports r USING (report_id)
WHERE r.is_current;
