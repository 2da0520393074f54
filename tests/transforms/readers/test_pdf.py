"""PDF reader: merged cells, headers, tables across pages, page furniture, 分散对齐, scans."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

from samples.render import render_pdf
from transforms.readers.errors import ImageOnlyPdf
from transforms.readers.pdf import read_pdf

FONT = "STSong-Light"


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


Spec = tuple[list[list[str]], list[tuple[object, ...]]]


def _tables_pdf(path: Path, *tables: Spec, page_break: bool = False) -> None:
    _register()
    story: list[object] = []
    for data, extra in tables:
        style = TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), FONT), *extra]
        )
        story.append(Table(data, style=style))
        if page_break:
            story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)


def test_merged_cells_become_spans_with_boxes(tmp_path: Path) -> None:
    data = [
        ["项目名称", "城乡医疗救助", "", ""],
        ["资金", "年初预算数", "全年预算数", "执行率"],
        ["", "466", "466", "100%"],
    ]
    path = tmp_path / "merged.pdf"
    _tables_pdf(path, (data, [("SPAN", (1, 0), (3, 0)), ("SPAN", (0, 1), (0, 2))]))
    (table,) = read_pdf(path).tables()
    name = table.cell_at(0, 1)
    assert name is not None and name.text == "城乡医疗救助" and name.colspan == 3 and name.col == 1
    label = table.cell_at(2, 0)
    assert label is not None and label.text == "资金" and label.rowspan == 2 and label.row == 1
    assert table.grid()[2] == ["资金", "466", "466", "100%"]
    assert name.locator.bbox is not None and name.locator.page == 1
    assert table.header_rows == 2  # the rows above the first figure


def test_table_over_pages_joins_and_drops_the_repeated_header(tmp_path: Path) -> None:
    rows = "\n".join(f"项目{i}\t{i * 10}\t{i * 9}\t90%" for i in range(1, 120))
    path = tmp_path / "long.pdf"
    render_pdf(f"# 附表\n\n项目\t预算数\t执行数\t执行率\n{rows}\n", path)
    doc = read_pdf(path)
    assert doc.pages >= 3
    (table,) = doc.tables()
    assert table.continued and len(table.rows) == 120
    assert [c.text for c in table.rows[0]] == ["项目", "预算数", "执行数", "执行率"]
    assert sum(1 for r in table.rows if r[0].text == "项目") == 1
    assert [r[0].row for r in table.rows] == list(range(120))
    assert {r[0].locator.page for r in table.rows} == set(range(1, doc.pages + 1))


def test_table_over_pages_without_header_joins_on_the_column_grid(tmp_path: Path) -> None:
    rows = "\n".join(f"{i}\t{i * 10}\t{i * 9}" for i in range(1, 120))  # a numeric first row is not repeated
    path = tmp_path / "grid.pdf"
    render_pdf(rows + "\n", path)
    (table,) = read_pdf(path).tables()
    assert table.continued and len(table.rows) == 119


def test_table_starting_a_page_with_other_columns_stays_apart(tmp_path: Path) -> None:
    first = [[f"行{i}", str(i)] for i in range(60)]
    second = [["甲", "乙", "丙"], ["1", "2", "3"]]
    path = tmp_path / "two.pdf"
    _tables_pdf(path, (first, []), (second, []), page_break=True)
    doc = read_pdf(path)
    assert len(doc.tables()) == 2
    assert any(w.startswith("table_split") for w in doc.warnings)


def test_page_numbers_and_running_headers_are_dropped(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "furniture.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n in range(1, 5):
        c.setFont(FONT, 9)
        c.drawString(72, A4[1] - 30, "大埔县医疗保障局2021年度部门整体支出绩效自评报告")
        c.drawCentredString(A4[0] / 2, 30, f"- {n} -")
        c.setFont(FONT, 12)
        c.drawString(72, A4[1] - 120, f"第{n}页的正文。")
        c.showPage()
    c.save()
    texts = [b.text for b in read_pdf(path).blocks]
    assert texts == [f"第{n}页的正文。" for n in range(1, 5)]


def test_spaced_out_short_heading_is_folded(tmp_path: Path) -> None:
    path = tmp_path / "spaced.pdf"
    render_pdf("# 基本情况\n\n本单位是参照公务员管理的事业单位。\n", path)
    blocks = read_pdf(path).blocks
    assert (blocks[0].kind, blocks[0].text) == ("heading", "基本情况")


def test_paragraph_wrapped_over_lines_and_pages_is_one_block(tmp_path: Path) -> None:
    sentence = "全区医保资金金额大，覆盖面广，受益人数多，基金运行平稳。"
    body = "\n\n".join(sentence * k for k in (20, 60, 2))
    path = tmp_path / "wrap.pdf"
    render_pdf(body + "\n", path)
    doc = read_pdf(path)
    assert doc.pages == 2
    assert [b.text for b in doc.blocks] == [sentence * k for k in (20, 60, 2)]
    assert doc.blocks[1].locator.line_end is None  # it runs onto the next page


def test_framed_box_is_text_not_a_table(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "frame.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.rect(50, 50, A4[0] - 100, A4[1] - 100)
    c.setFont(FONT, 12)
    c.drawString(80, A4[1] - 100, "说明：本表金额单位为万元。")
    c.save()
    doc = read_pdf(path)
    assert doc.tables() == [] and [b.text for b in doc.blocks] == ["说明：本表金额单位为万元。"]


def _scan_page(c: canvas.Canvas, text: str | None) -> None:
    img = Image.new("L", (300, 420), 255)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, A4[0], A4[1])
    if text:
        t = c.beginText(72, A4[1] - 100)
        t.setTextRenderMode(3)  # invisible, as scanners lay their OCR text over the image
        t.setFont(FONT, 12)
        t.textLine(text)
        c.drawText(t)
    c.showPage()


def test_scan_with_ocr_layer_reads_with_a_warning(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _scan_page(c, "上海证券交易所：")
    _scan_page(c, "现汇报如下。")
    c.save()
    doc = read_pdf(path)
    assert [b.text for b in doc.blocks] == ["上海证券交易所：", "现汇报如下。"]
    assert any(w.startswith("ocr_text_layer: pages 1-2") for w in doc.warnings)


def test_some_pages_without_text_warn_most_quarantine(tmp_path: Path) -> None:
    _register()
    one, most = tmp_path / "one.pdf", tmp_path / "most.pdf"
    for path, blanks in ((one, 1), (most, 2)):
        c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        c.setFont(FONT, 12)
        c.drawString(72, 700, "第一页有文字。")
        c.showPage()
        for _ in range(blanks):
            _scan_page(c, None)
        if blanks == 1:
            c.setFont(FONT, 12)
            c.drawString(72, 700, "第三页有文字。")
            c.showPage()
        c.save()
    doc = read_pdf(one)
    assert any(w.startswith("no_text_layer: pages 2 ") for w in doc.warnings)
    with pytest.raises(ImageOnlyPdf, match="2 of 3"):
        read_pdf(most)


def test_a_row_broken_across_pages_is_joined_into_one_row(tmp_path: Path) -> None:
    widths = [70, 80, 110, 50, 50]
    head = ["一级指标", "二级指标", "三级指标", "分值", "得分"]
    first = [
        head,
        *[["产出指标", "数量指标", f"指标{i}", "5", "5"] for i in range(3)],
        ["产出指标", "时效指", "惠民资", "10", "10"],
    ]
    second = [["", "标", "金发放及时率", "", ""], ["效益指标", "社会效益指标", "群众满意程度", "30", "30"]]
    _register()
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), FONT)])
    path = tmp_path / "broken.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        [Table(first, colWidths=widths, style=style), PageBreak(), Table(second, colWidths=widths, style=style)]
    )
    doc = read_pdf(path)
    (table,) = doc.tables()
    grid = table.grid()
    assert grid[4] == ["产出指标", "时效指标", "惠民资金发放及时率", "10", "10"]
    assert grid[5][2] == "群众满意程度" and len(grid) == 6
    assert any(w.startswith("table_split") and "broken" in w for w in doc.warnings)


def test_a_title_centred_on_two_lines_is_one_heading(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "title.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    y = height - 80
    for part in ("某某县第一人民医院2023年度城乡居民", "医疗救助补助资金绩效自评报告"):
        c.setFont(FONT, 18)
        c.drawCentredString(width / 2, y, part)
        y -= 26
    c.setFont(FONT, 11)
    for i in range(1, 12):
        y -= 18
        c.drawString(72, y, f"本院按要求开展了第{i}项绩效自评工作，对照年度目标逐项核实完成情况。")
    c.save()
    first = read_pdf(path).blocks[0]
    assert first.kind == "heading" and first.text == "某某县第一人民医院2023年度城乡居民医疗救助补助资金绩效自评报告"


def test_the_last_digits_of_a_row_broken_across_pages_join_its_figures(tmp_path: Path) -> None:
    widths = [40, 120, 70, 70]
    first = [
        ["序号", "项目名称", "全年预算数", "执行率"],
        ["1", "医疗设备购置", "2130.30", "88.42%"],
        ["", "总计", "6766.3", "90.46%"],
    ]
    second = [["", "", "3", ""], ["2", "院区改造工程", "1586.80", "96.26%"]]
    _register()
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), FONT)])
    path = tmp_path / "digits.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        [Table(first, colWidths=widths, style=style), PageBreak(), Table(second, colWidths=widths, style=style)]
    )
    grid = read_pdf(path).tables()[0].grid()
    assert grid[2] == ["", "总计", "6766.33", "90.46%"]
    assert grid[3] == ["2", "院区改造工程", "1586.80", "96.26%"]  # a row with its own name stays a row
