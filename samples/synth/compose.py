"""A report's blocks in its chosen wording: title, labels, sentences and tables, each tagged with what it states."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from samples.synth.document import Block, Table
from samples.synth.model import IndicatorRow, ProjectRow, Report
from samples.synth.printing import WAN, money, rate, score

FILLER = [  # own prose: what a unit did in the year, so tables fall on later pages and split across them
    "全年围绕中心工作，加强预算编制与执行管理，按照轻重缓急统筹安排资金，确保重点支出需要。",
    "严格执行中央八项规定精神，厉行节约，压减一般性支出，公用经费控制在预算范围以内。",
    "建立健全内部控制制度，资金支付实行分级审批，专款专用，未发现挤占挪用情况。",
    "绩效目标申报、运行监控和自评工作同步开展，对偏离目标的事项及时调整。",
    "政府采购按规定程序执行，资产登记入账及时，账实相符。",
    "下一步将进一步细化预算编制，提高项目前期论证质量，加快支出进度。",
]


def _yuan(v: Decimal) -> str:
    return f"{v:.2f}"


class Composer:
    """Turns one report into blocks; the wording of every field is drawn once per report from the vocabulary."""

    def __init__(self, report: Report, vocab: dict[str, Any], rng: random.Random, narrative: bool) -> None:
        self.r = report
        self.v = vocab
        self.rng = rng
        self.narrative = narrative
        self.u = report.money_unit
        self.thousands = report.money_unit == "元" and rng.random() < 0.5
        self.blocks: list[Block] = []

    # ------------------------------------------------------------ helpers

    def m(self, yuan: Decimal) -> str:
        return money(yuan, self.u, self.thousands)

    def pick(self, key: str, options: list[str]) -> str:
        choice = self.rng.choice(options)
        self.r.wording[key] = choice
        return choice

    def unit_note(self) -> str:
        """A table's unit line declaring the report's money unit (金额单位：元 is not a 万元 note)."""
        return self.pick(
            "table_unit", [n for n in self.v["table_unit_notes"] if n.strip("（）()").split("：")[-1] == self.u]
        )

    def add(self, kind: str, text: str = "", table: Table | None = None, **facts: Any) -> None:
        self.blocks.append(Block(kind, text, table, dict(facts)))

    def line(self, cat: str, phase: str, yuan: Decimal) -> list[str]:
        return [cat, phase, _yuan(yuan)]

    # ------------------------------------------------------------ parts shared by every kind

    def head(self) -> None:
        r, v = self.r, self.v
        titles = v["titles"][r.kind]
        title = self.pick("title", titles).format(
            unit=r.unit, year=r.title_year, project=r.project_name, fund=r.project_name
        )
        facts: dict[str, Any] = {"fiscal_year": r.fiscal_year}
        if r.unit in title:
            facts["department"] = r.unit
        self.add("title", title, **facts)
        if r.kind == "project":
            self.add("para", f"项目名称：{r.project_name}")
            label = self.pick("unit_label", v["project_unit_labels"])
        elif r.kind == "fund":
            label = self.pick("unit_label", v["project_unit_labels"] + v["unit_labels"])
        else:
            label = self.pick("unit_label", v["unit_labels"])
        if "department" not in facts or self.rng.random() < 0.6:
            printed = r.unit
            if self.rng.random() < 0.1:  # the unit's code in front of its name, as some templates print it
                code = str(self.rng.randint(100, 999999))
                printed = self.pick("unit_code", self.v["unit_code_forms"]).format(code=code, unit=r.unit)
            self.add("para", f"{label}{printed}", department=r.unit)
        self.r.wording["date_kind"] = self.rng.choice(["filing_end", "filing_end", "publication_top", "date_line"])
        if self.r.wording["date_kind"] == "publication_top":
            label = self.pick("date_label", v["publication_labels"])
            self.add("para", f"{label}{r.filing_date}", filing_date=r.filing_date)

    def context(self, heading: str) -> None:
        r = self.r
        self.add("heading", heading)
        reg = r.region
        ctx = self.rng.choice(self.v["region_context"]).format(
            province=reg.province,
            prefecture=reg.prefecture if reg.prefecture != reg.province else "",
            county=reg.county,
            year=r.fiscal_year,
        )
        staff = self.rng.randint(8, 260)
        text = (
            f"{ctx}{r.self_name}对{r.fiscal_year}年度预算资金开展了绩效自评。{r.self_name}核定编制{staff}人，"
            f"实有在职人员{staff - self.rng.randint(0, 5)}人。"
        )
        self.add("para", text)
        for _ in range(self.rng.randint(1, 4)):
            self.add("para", self.rng.choice(FILLER))

    def body_year(self) -> None:
        if self.r.body_year_override is not None:
            t = self.rng.choice(self.v["sentences"]["wrong_year_body"])
            self.add("para", t.format(year=self.r.body_year_override, self=self.r.self_name))

    def conclusion(self, heading: str, fund: bool = False) -> None:
        r = self.r
        self.add("heading", heading)
        sp = self.pick("score", self.v["fund_score"] if fund else self.v["score"])
        gp = self.pick("grade", self.v["grade"])
        assert r.score is not None
        s = score(r.score)
        g = r.grade
        what = {"department": "部门整体支出", "project": "该项目", "fund": "该项"}[r.kind]
        text = f"经综合评价，{r.self_name}{r.fiscal_year}年度{what}{sp.format(score=s)}，{gp.format(grade=g)}。"
        self.add("para", text, score=s, grade=g)
        self.add("heading", self.blocks_heading(4))
        self.add("para", self.rng.choice(FILLER[3:]))

    def blocks_heading(self, k: int) -> str:
        return self.v["headings"][self.r.kind][k]

    def signature(self) -> None:
        r = self.r
        kind = r.wording["date_kind"]
        y, mth, d = (int(x) for x in r.filing_date.split("-"))
        cn = self.pick("date_form", self.v["date_forms"]).format(y=y, m=mth, d=d)
        self.add("para", r.unit, department=r.unit)
        if kind == "filing_end":
            label = self.pick("date_label", self.v["date_labels"])
            self.add("para", f"{label}{cn}", filing_date=r.filing_date)
        elif kind == "date_line":
            self.add("para", cn, filing_date=r.filing_date)

    # ------------------------------------------------------------ tables and their sentence forms

    def indicator_table(self, rows: list[IndicatorRow], execution: tuple[str, str] | None = None) -> None:
        spec = [c.split(":", 1) for c in self.rng.choice(self.v["indicator_header"])]
        keys, header = [k for k, _ in spec], [label for _, label in spec]
        facts = [
            {
                "level1": i.level1,
                "level2": i.level2,
                "level3": i.level3,
                "target": i.target,
                "actual": i.actual,
                "weight": score(i.weight),
                "score": score(i.score),
            }
            for i in rows
        ]
        if self.narrative:
            t = self.rng.choice(self.v["sentences"]["indicator"])
            if execution is not None:  # the scored execution row, in the sentence form that needs no level
                plain = next(x for x in self.v["sentences"]["indicator"] if x.startswith("{name}"))
                self.add(
                    "para",
                    plain.format(
                        name="预算执行率", target="100%", actual=execution[0], weight="10", score=execution[1]
                    ),
                    execution=[{"name": "预算执行率", "weight": "10", "score": execution[1]}],
                )
            for i, f in zip(rows, facts, strict=True):
                self.add(
                    "para",
                    t.format(
                        level2=i.level2,
                        name=i.level3,
                        target=i.target,
                        actual=i.actual,
                        weight=score(i.weight),
                        score=score(i.score),
                    ),
                    indicators=[f],
                )
            return
        weighted = self.rng.random() < 0.3
        group_weight = {i.level1: sum((j.weight for j in rows if j.level1 == i.level1), Decimal(0)) for i in rows}

        def ordered(values: dict[str, str]) -> list[str]:
            return [values.get(k, "") for k in keys]

        body: list[list[str]] = []
        scored: list[dict[str, str]] = []
        if execution is not None:  # a scored row of the table like the indicators, named in its first column
            scored.append({"name": "预算执行率", "weight": "10", "score": execution[1]})
            body.append(
                ordered(
                    {
                        "l1": "预算执行率",
                        "target": "100%",
                        "actual": execution[0],
                        "weight": "10",
                        "score": execution[1],
                    }
                )
            )
        for i in rows:
            l1 = (
                self.v["level1_weighted"].format(level1=i.level1, weight=score(group_weight[i.level1]))
                if weighted
                else i.level1
            )
            body.append(
                ordered(
                    {
                        "l1": l1,
                        "l2": i.level2,
                        "l3": i.level3,
                        "target": i.target,
                        "actual": i.actual,
                        "weight": score(i.weight),
                        "score": score(i.score),
                        "note": i.note,
                    }
                )
            )
        total_w = sum((i.weight for i in rows), Decimal(0)) + (10 if execution else 0)
        total_s = sum((i.score for i in rows), Decimal(0)) + (Decimal(execution[1]) if execution else 0)
        body.append(
            ordered({"l1": self.rng.choice(["合计", "总分"]), "weight": score(total_w), "score": score(total_s)})
        )
        groups = [(self.rng.choice(self.v["indicator_group_header"]), 0, 2)]
        self.add(
            "table",
            table=Table("indicators", header, body, groups, merge_cols=(0, 1)),
            indicators=facts,
            execution=scored,
        )

    def _project_totals(self, rows: list[ProjectRow]) -> tuple[Decimal, Decimal, Decimal]:
        te = self.r.said.get("fund_total_executed", sum((p.executed for p in rows), Decimal(0)))
        return sum((p.initial for p in rows), Decimal(0)), sum((p.full_year for p in rows), Decimal(0)), te

    def project_table(self, rows: list[ProjectRow], total_row: bool, scored: bool) -> None:
        header = list(self.rng.choice(self.v["project_header"]))
        if not scored:
            header = header[:-1]
        facts = [
            {
                "name": p.name,
                "initial": _yuan(p.initial),
                "full_year": _yuan(p.full_year),
                "executed": _yuan(p.executed),
                "rate": p.rate_printed,
                "score": score(p.score) if p.score is not None and scored else None,
            }
            for p in rows
        ]
        if self.narrative:
            t = self.rng.choice(self.v["sentences"]["project_funds"])
            for p, f in zip(rows, facts, strict=True):
                self.add(
                    "para",
                    t.format(
                        project=p.name,
                        i=self.m(p.initial),
                        f=self.m(p.full_year),
                        e=self.m(p.executed),
                        r=p.rate_printed,
                        u=self.u,
                    ),
                    projects=[f],
                )
            if total_row and self.r.kind == "fund":  # the table's total row as a sentence
                ti, tf, te = self._project_totals(rows)
                self.add(
                    "para",
                    f"资金合计年初预算{self.m(ti)}{self.u}，全年预算{self.m(tf)}{self.u}，执行{self.m(te)}{self.u}。",
                    budget=[
                        self.line("total", "initial", ti),
                        self.line("total", "full_year", tf),
                        self.line("total", "executed", te),
                    ],
                )
            return
        body = []
        for k, p in enumerate(rows, start=1):
            slipped = self.r.slip == (f"project:{p.name}", "executed")
            executed = money(p.executed, "元") if slipped else self.m(p.executed)
            if slipped:
                facts[k - 1]["executed"] = _yuan(p.executed * WAN)
            cells = [str(k), p.name, self.m(p.initial), self.m(p.full_year), executed, p.rate_printed]
            if scored:
                cells.append(score(p.score) if p.score is not None else "")
            body.append(cells)
        extra: dict[str, Any] = {}
        if total_row:
            ti, tf, te = self._project_totals(rows)
            cells = ["", self.rng.choice(self.v["project_total_row"]), self.m(ti), self.m(tf), self.m(te), rate(te, tf)]
            if scored:
                cells.append("")
            body.append(cells)
            if self.r.kind == "fund":  # the total row is the fund's: its figures and the rate it prints
                extra["budget"] = [
                    self.line("total", "initial", ti),
                    self.line("total", "full_year", tf),
                    self.line("total", "executed", te),
                ]
                extra["execution_rate"] = [rate(te, tf)]
        note = self.unit_note()
        groups = [("预算执行情况", 2, 5)]
        self.add("table", table=Table("projects", header, body, groups, unit_note=note), projects=facts, **extra)

    def budget_table(self) -> None:
        r = self.r
        b = self.v["budget"]
        cols = [
            self.pick("col_initial", b["initial"]),
            self.pick("col_full", b["full_year"]),
            self.pick("col_executed", b["executed"]),
            self.pick("col_rate", b["rate"]),
        ]
        header = [self.rng.choice(b["item_header"]), *cols]
        body, lines = [], []
        for row in r.budget:
            cells = [row.label]
            for phase, value in (("initial", row.initial), ("full_year", row.full_year), ("executed", row.executed)):
                if r.slip == (row.category, phase):
                    cells.append(money(value, "元"))
                    lines.append(self.line(row.category, phase, value * WAN))
                else:
                    cells.append(self.m(value))
                    lines.append(self.line(row.category, phase, value))
            cells.append(row.rate_printed)
            body.append(cells)
        total = r.row("total")
        assert total is not None
        note = self.unit_note()
        groups = [("预算数", 1, 2), ("执行情况", 3, 4)]
        if self.narrative:
            for row in r.budget[1:]:
                self.add(
                    "para",
                    f"{row.label.removeprefix('其中：')}年初预算{self.m(row.initial)}{self.u}，"
                    f"全年预算{self.m(row.full_year)}{self.u}，执行{self.m(row.executed)}{self.u}，"
                    f"执行率{row.rate_printed}。",
                    budget=[
                        self.line(row.category, p, v)
                        for p, v in (("initial", row.initial), ("full_year", row.full_year), ("executed", row.executed))
                    ],
                )
            return
        self.add(
            "table",
            table=Table("budget", header, body, groups, unit_note=note),
            budget=lines,
            execution_rate=[total.rate_printed],
        )

    # ------------------------------------------------------------ the three kinds

    def department(self) -> list[Block]:
        r, s, u = self.r, self.v["sentences"], self.u
        heads = self.v["headings"]["department"]
        self.head()
        self.context(heads[0])
        self.add("heading", heads[1])
        total = r.row("total")
        assert total is not None
        executed_said = r.said.get("executed_total", total.executed)
        t = self.pick("budget_sentence", s["budget_total"])
        text = t.format(
            year=r.fiscal_year,
            self=r.self_name,
            i=self.m(total.initial),
            f=self.m(total.full_year),
            e=self.m(executed_said),
            r=total.rate_printed,
            u=u,
        )
        self.add(
            "para",
            text,
            budget=[
                self.line("total", "initial", total.initial),
                self.line("total", "full_year", total.full_year),
                self.line("total", "executed", executed_said),
            ],
            execution_rate=[total.rate_printed],
        )
        self.body_year()
        basic, project = r.row("basic"), r.row("project")
        pers, pub = r.row("personnel"), r.row("public")
        assert basic and project and pers and pub
        self.add(
            "para",
            self.rng.choice(s["basic_project"]).format(b=self.m(basic.executed), p=self.m(project.executed), u=u)
            + self.rng.choice(s["personnel_public"]).format(pe=self.m(pers.executed), pu=self.m(pub.executed), u=u),
            budget=[
                self.line("basic", "executed", basic.executed),
                self.line("project", "executed", project.executed),
                self.line("personnel", "executed", pers.executed),
                self.line("public", "executed", pub.executed),
            ],
        )
        tp = r.row("three_public")
        ov, ve, re_ = r.row("overseas"), r.row("vehicle"), r.row("reception")
        assert tp and ov and ve and re_
        self.add(
            "para",
            self.rng.choice(s["three_public"]).format(
                tb=self.m(tp.full_year),
                te=self.m(tp.executed),
                ov=self.m(ov.executed),
                ve=self.m(ve.executed),
                re=self.m(re_.executed),
                u=u,
            ),
            # the sentence says only 预算, which may be the initial or the full-year budget
            budget=[
                self.line("three_public", "budget", tp.full_year),
                self.line("three_public", "executed", tp.executed),
                self.line("overseas", "executed", ov.executed),
                self.line("vehicle", "executed", ve.executed),
                self.line("reception", "executed", re_.executed),
            ],
        )
        c = r.carryover
        assert c is not None
        ex_text = f"{(c.expenditure / WAN).quantize(Decimal('0.1')):f}" if r.rounded_text else self.m(c.expenditure)
        ex_fact = (c.expenditure / WAN).quantize(Decimal("0.1")) * WAN if r.rounded_text else c.expenditure
        self.add(
            "para",
            self.rng.choice(s["carryover"]).format(
                o=self.m(c.opening), inc=self.m(c.income), ex=ex_text, c=self.m(c.closing), u=u
            ),
            budget=[
                self.line("opening_carryover", "executed", c.opening),
                self.line("income", "executed", c.income),
                self.line("total", "executed", ex_fact),
                self.line("closing_carryover", "executed", c.closing),
            ],
        )
        self.budget_table()
        if r.projects:
            self.add("para", f"{r.fiscal_year}年重点项目{len(r.projects)}个，执行情况如下：")
            self.project_table(r.projects, total_row=False, scored=False)
        self.add("heading", heads[2])
        self.indicator_table(r.indicators)
        self.conclusion(heads[3])
        self.signature()
        return self.blocks

    def project(self) -> list[Block]:
        r = self.r
        heads = self.v["headings"]["project"]
        self.head()
        self.context(heads[0])
        self.add("heading", heads[1])
        (p,) = r.projects
        fund = self.v["funding_rows"]
        pf = {
            "name": p.name,
            "initial": _yuan(p.initial),
            "full_year": _yuan(p.full_year),
            "executed": _yuan(p.executed),
            "rate": p.rate_printed,
            "score": None,
        }
        lines = [
            self.line("total", "initial", p.initial),
            self.line("total", "full_year", p.full_year),
            self.line("total", "executed", p.executed),
        ]
        said = r.said.get("executed_total", p.executed)
        t = self.rng.choice(self.v["sentences"]["project_funds"])
        stated = lines[:2] if "{i}" in t else lines[1:2]  # 下达资金 states no initial budget
        self.add(
            "para",
            t.format(
                project=p.name, i=self.m(p.initial), f=self.m(p.full_year), e=self.m(said), r=p.rate_printed, u=self.u
            ),
            budget=[*stated, self.line("total", "executed", said)],
            execution_rate=[p.rate_printed],
            projects=[{**pf, "executed": _yuan(said)}],
        )  # the sentence states the project's row too
        self.body_year()
        assert r.execution_score is not None
        parts = [
            *(
                self.line("income_fiscal", ph, v)
                for ph, v in (("initial", p.initial), ("full_year", p.full_year), ("executed", p.executed))
            ),
            *(self.line("income_other", ph, Decimal(0)) for ph in ("initial", "full_year", "executed")),
        ]
        # the scored 预算执行率 row: a score line of the funding block, no indicator
        execution_row = {"name": "预算执行率", "weight": "10", "score": score(r.execution_score)}
        if self.narrative:  # the funding block as sentences: the total, its sources, the scored execution
            u, fiscal = self.u, self.rng.choice(fund["fiscal"]).removeprefix("其中：")
            self.add(
                "para",
                f"{fund['total'][0]}年初预算{self.m(p.initial)}{u}，全年预算{self.m(p.full_year)}{u}，"
                f"执行{self.m(p.executed)}{u}。",
                budget=lines,
            )
            self.add(
                "para",
                f"其中{fiscal}年初预算{self.m(p.initial)}{u}，全年预算{self.m(p.full_year)}{u}，"
                f"执行{self.m(p.executed)}{u}；{fund['other'][0]}年初预算0.00{u}，全年预算0.00{u}，"
                f"执行0.00{u}。",
                budget=parts,
            )
            self.add(
                "para",
                f"预算执行率{p.rate_printed}，分值10分，得分{score(r.execution_score)}分。",
                execution=[execution_row],
            )
        else:
            b = self.v["budget"]
            header = [
                "",
                self.pick("col_initial", b["initial"]),
                self.pick("col_full", b["full_year"]),
                self.pick("col_executed", b["executed"]),
                "分值",
                self.pick("col_rate", b["rate"]),
                "得分",
            ]
            body = [
                [
                    self.rng.choice(fund["total"]),
                    self.m(p.initial),
                    self.m(p.full_year),
                    self.m(p.executed),
                    "10",
                    p.rate_printed,
                    score(r.execution_score),
                ],
                [
                    self.rng.choice(fund["fiscal"]),
                    self.m(p.initial),
                    self.m(p.full_year),
                    self.m(p.executed),
                    "—",
                    p.rate_printed,
                    "—",
                ],
                [fund["other"][0], "0.00", "0.00", "0.00", "—", "", "—"],
            ]
            note = self.unit_note()
            # the scored 年度资金总额 row: 预算执行率 with its weight and score, no target printed
            self.add(
                "table",
                table=Table("funding", header, body, [("项目资金", 1, 3)], unit_note=note),
                budget=lines + parts,
                execution_rate=[p.rate_printed],
                projects=[pf],
                execution=[execution_row],
            )
        self.add("heading", heads[2])
        self.indicator_table(r.indicators)
        self.conclusion(heads[3])
        self.signature()
        return self.blocks

    def fund(self) -> list[Block]:
        r = self.r
        heads = self.v["headings"]["fund"]
        self.head()
        self.context(heads[0])
        self.add("heading", heads[1])
        tf = sum((p.full_year for p in r.projects), Decimal(0))
        te = sum((p.executed for p in r.projects), Decimal(0))
        said = r.said.get("executed_total", te)
        self.add(
            "para",
            f"{r.fiscal_year}年{r.project_name}共安排{len(r.projects)}个项目，"
            f"下达资金{self.m(tf)}{self.u}，实际支出{self.m(said)}{self.u}，资金执行率{rate(te, tf)}。",
            budget=[self.line("total", "full_year", tf), self.line("total", "executed", said)],
            execution_rate=[rate(te, tf)],
        )
        self.body_year()
        self.add("para", "各项目资金使用情况见下表：" if not self.narrative else "各项目资金使用情况如下：")
        self.project_table(r.projects, total_row=True, scored=True)
        self.add("heading", heads[2])
        assert r.execution_score is not None
        self.indicator_table(r.indicators, execution=(rate(te, tf), score(r.execution_score)))
        self.conclusion(heads[3], fund=True)
        self.signature()
        return self.blocks


def compose(report: Report, vocab: dict[str, Any], rng: random.Random, narrative: bool) -> list[Block]:
    """The report's blocks in its wording; narrative layouts state every table's figures in sentences instead."""
    c = Composer(report, vocab, rng, narrative)
    return {"department": c.department, "project": c.project, "fund": c.fund}[report.kind]()
