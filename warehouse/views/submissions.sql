-- Every distinct file received: which report (version) it is, or which report it is another format of.
CREATE OR REPLACE VIEW submissions AS
SELECT s.sha256, s.source_file, s.media_type, s.relation, s.report_id, s.report_key, r.version, r.is_current,
       s.load_id, s.received_at
FROM core_submissions s JOIN core_reports r USING (report_id);
