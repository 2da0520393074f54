"""The digest as Markdown and HTML: grouped by report, values, messages in both languages, evidence, locator."""

from __future__ import annotations

from flows.alerts.digest import PROVINCE, Digest, Entry
from flows.alerts.render import render_html, render_markdown, subject_line


def _entry(iid: str, report: str, evidence: str = "执行率为100.73%") -> Entry:
    return Entry(
        issue_id=iid,
        rule_id="rate_execution",
        severity="error",
        subject="execution_rate|1",
        message_zh="执行率陈述为 100.73%，计算为 99.33%",
        message_en="stated 100.73%, the figures give 99.33%",
        stated="100.73%",
        computed="99.33%",
        difference="1.40%",
        tolerance="0.01%",
        evidence_text=evidence,
        locator="r.pdf p2 表1 行3 列1",
        values_key="v",
        report_id=report,
        department="甲县医疗保障局",
        source_file=f"{report}.pdf",
        media_type="pdf",
        sha256="",
        fiscal_year=2022,
        page=2,
    )


def test_markdown_groups_by_report_and_shows_the_evidence() -> None:
    d = Digest(PROVINCE, [_entry("i1", "r1"), _entry("i2", "r1"), _entry("i3", "r2")])
    md = render_markdown(d, "run-7", {"i1": "crops/i1.png"})
    assert md.count("## 甲县医疗保障局 2022 年度 FY2022 — r1.pdf") == 1 and "— r2.pdf (report r2)" in md
    assert "填报值 stated **100.73%** · 计算值 computed **99.33%** · 差额 difference **1.40%**" in md
    assert "- 中文：执行率陈述为 100.73%" in md and "- English: stated 100.73%" in md
    assert "- 原文 source text: 执行率为100.73%" in md and "- 位置 locator: `r.pdf p2 表1 行3 列1`" in md
    assert "![i1](crops/i1.png)" in md and "crops/i2" not in md
    assert "新问题 new issues: 3 (错误 error 3)" in md


def test_html_escapes_report_text_and_links_crops() -> None:
    d = Digest("unit:甲县医疗保障局", [_entry("i1", "r1", evidence="a <b> & c")])
    html = render_html(d, "run-7", {"i1": "cid:abc@jixiao"})
    assert "a &lt;b&gt; &amp; c" in html and "<b> &" not in html
    assert '<img src="cid:abc@jixiao"' in html and "甲县医疗保障局 数据质量提醒" in html
    assert "1 new data-quality issues (run-7)" in subject_line(d, "run-7")


def test_an_empty_digest_says_so_and_what_is_still_open() -> None:
    d = Digest(PROVINCE, [], open_total=7)
    md = render_markdown(d, "r", {})
    assert "今晚没有新问题。 / No new issues tonight." in md and "未解决问题共 7 条" in md and "7 open issues" in md
    assert "No new issues tonight." in render_html(d, "r", {}) and "review.html" in render_html(d, "r", {})


def test_the_province_digest_lists_tonights_files_by_outcome() -> None:
    from flows.alerts.run import intake_lines

    load = {
        "incomplete_files": [{"file": "说明.txt", "missing": ["department", "fiscal_year"]}],
        "superseded_files": [{"file": "dept_v2.txt", "version": 2, "replaces": "abc"}],
        "skipped_files": [{"file": "dept.pdf", "reason_en": "the same report is already loaded (dept.docx)"}],
        "quarantine": [{"file": "x<script>.pdf", "class": "corrupt_pdf", "reason_en": "the PDF is damaged"}],
    }
    d = Digest(PROVINCE, [], intake=intake_lines(load))
    md = render_markdown(d, "r", {})
    assert "## 今晚的文件 / Tonight's files" in md
    assert "- incomplete 待补充: `说明.txt` — missing department, fiscal\\_year" in md
    assert "- new version 新版本: `dept_v2.txt` — version 2 replaces abc" in md
    assert "- skipped 跳过: `dept.pdf`" in md and "- quarantined 隔离: `x<script>.pdf`" in md
    html = render_html(d, "r", {})
    assert "x&lt;script&gt;.pdf" in html and "<script>" not in html


HOSTILE_NAME = '甲县<script>alert(1)</script>"局\n\rBcc: all@evil.test [x](http://evil.test) **b** ../../etc'


def _hostile_entry() -> Entry:
    e = _entry("i1", "r1", evidence="</blockquote><img src=x onerror=alert(1)>`code` [link](javascript:x)\n# h")
    return Entry(
        **{
            **e.__dict__,
            "department": HOSTILE_NAME,
            "source_file": "../x<script>.pdf\n.pdf",
            "locator": "r`.pdf p2",
            "message_zh": "单位 <i>名</i> [a](b)",
        }
    )


def test_report_text_cannot_open_a_tag_a_link_or_a_header_anywhere_it_lands() -> None:
    from email.policy import default

    from flows.alerts.deliver import AlertConfig, build_email, file_stem

    d = Digest(f"unit:{HOSTILE_NAME}", [_hostile_entry()])
    html = render_html(d, "run-7", {})
    assert "<script>" not in html and "<img src=x" not in html and "<i>名" not in html
    assert "&lt;script&gt;" in html
    md = render_markdown(d, "run-7", {})
    assert "<script>" not in md and "<img" not in md and "<i>" not in md
    assert "[x](http" not in md and "[link](javascript" not in md and "**b**" not in md
    assert "\\[x\\](http://evil.test)" in md  # shown as typed, not as a link
    assert "\n# h" not in md and "\rBcc" not in md  # every value on its own line, none starting a heading
    assert "``r`.pdf p2``" in md  # a code span fenced past the backtick it holds
    subject = subject_line(d, "run-7")
    assert "\n" not in subject and "\r" not in subject
    msg = build_email(d, "run-7", AlertConfig.from_env({"JIXIAO_ALERT_TO": "a@prov.test"}), {})
    raw = msg.as_bytes(policy=default)
    assert b"\nBcc:" not in raw and msg["Bcc"] is None
    stem = file_stem(d)
    assert "/" not in stem and ".." not in stem and "\n" not in stem and stem.startswith("unit_")
