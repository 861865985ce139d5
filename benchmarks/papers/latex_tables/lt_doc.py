"""Draw one random LaTeX paper (class, layout, caption style, 1-3 tables) and write its source.

`draw_document` makes every random choice up front (so a document is one draw from its `random.Random`
and re-rendering it after a width check changes nothing else); `render` writes the LaTeX. Table content
comes from random_tables/rt_content.make_table, prose from random_tables/rt_prose. Only packages that
this TeX Live has are used (no multirow, siunitx, threeparttable, makecell, IEEEtran or revtex here):
multirow cells are drawn with a lowered, zero-height \\raisebox (\\mr), which is what multirow does.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from lt_tex import Cell, TableContent, TexStyle, longtable, tabular, tex
from rt_content import make_table
from rt_prose import HEADINGS, TITLES, author, paragraph

LABEL_STYLES = ["colon", "colon", "period", "roman", "abbrev", "supp", "appendix"]
SIZES = {"normalsize": "", "small": r"\small", "footnotesize": r"\footnotesize", "scriptsize": r"\scriptsize"}
EQUATIONS = [r"E(t) = E_0 \exp(-t/\tau) + c", r"y = \alpha x^2 + \beta x + \gamma",
             r"k = A \exp(-E_a / R T)", r"\sigma^2 = \frac{1}{n} \sum_i (x_i - \mu)^2",
             r"R^2 = 1 - \frac{SS_\mathrm{res}}{SS_\mathrm{tot}}"]

PREAMBLE = r"""\usepackage{booktabs,array,longtable,rotating,dcolumn,graphicx,amsmath}
\usepackage{caption}
\pdfinfoomitdate=1 \pdftrailerid{} \pdfsuppressptexinfo=-1
\newsavebox\ltbox
\newdimen\lttextwidth \newdimen\lttextheight  % the page's, also inside a sidewaystable (which swaps them)
\AtBeginDocument{\lttextwidth=\textwidth \lttextheight=\textheight}
\newwrite\posfile \immediate\openout\posfile=\jobname.pos
% position marks, written at shipout: R table row page x y; T table page x y wd ht dp linewidth textwidth
% textheight
\newcommand\rowmark[2]{\pdfsavepos
  \write\posfile{R #1 #2 \thepage\space\the\pdflastxpos\space\the\pdflastypos}}
\newcommand\norowmark[2]{}
\newcommand\tabmark[1]{\leavevmode\pdfsavepos\edef\ltx{\noexpand\write\posfile{T #1 \noexpand\thepage\space
  \noexpand\the\pdflastxpos\space\noexpand\the\pdflastypos\space\the\wd\ltbox\space\the\ht\ltbox\space
  \the\dp\ltbox\space\the\linewidth\space\the\lttextwidth\space\the\lttextheight}}\ltx}
% a multirow cell: lowered to the middle of its rows, taking no height (what multirow.sty does)
\newcommand\mr[2]{\raisebox{-\dimexpr\normalbaselineskip*\numexpr#1-1\relax/2\relax}[0pt][0pt]{#2}}
"""


@dataclass
class TableJob:
    """One table of a document: what it says, how it is set, and its truth label."""
    tid: int
    content: TableContent
    style: TexStyle
    env: str  # table, table*, sidewaystable, longtable
    placement: str
    size: str
    resize: bool
    caption_below: bool
    caption: str  # as a reader sees it (the truth); LaTeX-escaped when written
    label: str  # truth label: Table 3, Table S3, Table A.3
    label_text: str  # as printed: TABLE III, Tab. 3
    cont_caption: bool
    widen: bool  # when too wide for its column: across both columns (table*), else \resizebox
    tags: set[str] = field(default_factory=set)
    fit_height: bool = False  # taller than the page (a sideways table: than the text width): scaled down

    def style_tags(self) -> list[str]:
        """Every drawn choice as a tag (the scorer reports per tag)."""
        st = self.style
        n_body = len(self.content.rows) - self.content.header_rows
        tags = set(self.tags) | self.content.tags | {
            {"booktabs": "booktabs", "hlines": "hlines", "grid": "ruled", "norules": "norules"}[st.rules],
            f"size_{self.size}", f"num_{st.align}",
            "caption_below" if self.caption_below else "caption_above",
            "cols_" + next(b for b in ("2-3", "4-6", "7-9", "10-12")
                           if self.content.n_cols <= int(b.split("-")[1])),
            "rows_" + ("2-5" if n_body <= 5 else "6-15" if n_body <= 15 else "16-30")}
        tags |= {"cmidrule"} if st.cmidrule and "grouped_header" in self.content.tags else set()
        tags |= {"dcolumn"} if st.dcolumn else set()
        tags |= {"multirow_top"} if {"multirow", "wrap"} <= self.content.tags else set()
        tags |= {"resized"} if self.resize or self.fit_height else set()
        tags |= {"span"} if self.env == "table*" else set()
        tags |= {"sideways"} if self.env == "sidewaystable" else set()
        tags |= {"longtable"} if self.env == "longtable" else set()
        return sorted(tags)


@dataclass
class DocPlan:
    """A whole paper: class options, caption style, prose and tables, in source order."""
    name: str
    twocolumn: bool
    font_pt: int
    paper: str
    margin_in: float
    label_style: str
    label_bold: bool
    title: str
    authors: list[str]
    blocks: list[tuple[str, object]]  # (kind, payload): heading, para, equation, table

    @property
    def jobs(self) -> list[TableJob]:
        return [p for k, p in self.blocks if k == "table"]  # type: ignore[misc]


def roman(n: int) -> str:
    out = ""
    for v, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _labels(style: str, n: int) -> tuple[str, str]:
    return {"colon": (f"Table {n}", f"Table {n}"), "period": (f"Table {n}", f"Table {n}"),
            "roman": (f"Table {n}", f"TABLE {roman(n)}"), "abbrev": (f"Table {n}", f"Tab. {n}"),
            "supp": (f"Table S{n}", f"Table S{n}"), "appendix": (f"Table A.{n}", f"Table A.{n}")}[style]


def draw_style(rng: random.Random, tc: TableContent) -> TexStyle:
    """Rules, alignment, decimal columns: what the tabular looks like."""
    rules = rng.choice(["booktabs", "booktabs", "booktabs", "hlines", "grid", "norules"])
    if "wrap_cells" in tc.tags:  # rows set apart, every cell centred on its row: the body is not ruled
        rules = rng.choice(["booktabs", "booktabs", "norules"])
    def plain_number(cell: Cell | None) -> bool:  # what dcolumn can align: digits, a point, a minus
        return cell is None or cell.kind == "section" or not cell.text or (
            cell.text.replace("−", "").replace(".", "").isdigit() and not cell.bold)

    plain = [c for c, k in enumerate(tc.col_kinds)
             if k in ("dec", "neg") and all(plain_number(row[c]) for row in tc.rows[tc.header_rows:])]
    dcol = frozenset(plain) if plain and rng.random() < 0.25 else frozenset()
    return TexStyle(rules=rules, cmidrule=rules == "booktabs" and rng.random() < 0.7,
                    align=rng.choice(["c", "c", "r", "l"]), dcolumn=dcol,
                    wrap_width=rng.choice(["2.5cm", "3cm", "3.5cm"] if "wrap_cells" not in tc.tags else ["2cm", "2.5cm"]), section_rule=rng.random() < 0.5,
                    **({"middle": rng.choice([r"\raggedright", r"\centering"]), "stretch": rng.choice([1.4, 1.6, 1.8])}
                       if "wrap_cells" in tc.tags else {}))


def draw_table(rng: random.Random, tid: int, twocolumn: bool, label_style: str,
               styles: frozenset[str] = frozenset()) -> TableJob:
    """One table: its content, environment, size, caption position and label (`styles`: forced on it, see
    rt_content.STYLES)."""
    env = "table"
    if twocolumn and rng.random() < 0.4:
        env = "table*"
    elif not twocolumn:
        env = rng.choices(["table", "longtable", "sidewaystable"], [0.7, 0.15, 0.15])[0]
    if "wrap_cells" in styles:  # wrapped columns: never a longtable, nor in one column of two
        env = "table*" if twocolumn else "table" if env == "longtable" else env
    if env == "longtable":
        tc = make_table(rng, long=True, max_cols=6, styles=styles)
        while any(k == "wrap" for k in tc.col_kinds):
            tc = make_table(rng, long=True, max_cols=6, styles=styles)
    else:
        max_cols = 6 if env == "table" and twocolumn else 7 if "wrap_cells" in styles else 12  # a column holds narrow tables
        tc = make_table(rng, max_cols=max_cols, styles=styles)
        while tc.n_cols < 3 or (max_cols == 6 and "wrap" in tc.col_kinds) or (  # the brief: 3-12 columns
                env == "sidewaystable" and len(tc.rows) > 18):  # rotated tables are wide, not long
            tc = make_table(rng, max_cols=max_cols, styles=styles)
    n_body = len(tc.rows) - tc.header_rows
    size = rng.choice(["normalsize", "small", "small", "footnotesize", "scriptsize"])
    if n_body > 20 and env != "longtable" and size in ("normalsize", "small"):
        size = "footnotesize"
    label, label_text = _labels(label_style, tid + 1)
    k = rng.choice([1, 1, 2, 2, 3])
    return TableJob(tid=tid, content=tc, style=draw_style(rng, tc), env=env,
                    placement=rng.choice(["tbp", "t", "htbp", "h!", "!ht"]), size=size,
                    resize=env in ("table", "table*") and rng.random() < 0.1,
                    caption_below=env != "longtable" and rng.random() < 0.35,
                    caption=" ".join(tc.caption_sentences[:k]), label=label, label_text=label_text,
                    cont_caption=rng.random() < 0.5, widen=rng.random() < 0.5)


def draw_document(rng: random.Random, name: str, styles: frozenset[str] = frozenset()) -> DocPlan:
    """Every choice of one paper, in order (`styles`: forced on every table, see rt_content.STYLES)."""
    twocolumn = rng.random() < 0.4
    label_style = rng.choice(LABEL_STYLES)
    jobs = [draw_table(rng, i, twocolumn, label_style, styles) for i in range(rng.choice([1, 2, 2, 3]))]
    for job in jobs:
        job.tags |= {"twocol" if twocolumn else "onecol", f"label_{label_style}"}
    blocks: list[tuple[str, object]] = [("heading", "Introduction"), ("para", paragraph(rng))]
    headings = rng.sample(HEADINGS[1:], 4)
    for job in jobs:
        blocks.append(("heading", headings.pop()))
        blocks.append(("para", paragraph(rng, mention="@REF@")))
        if rng.random() < 0.3:
            blocks.append(("equation", rng.choice(EQUATIONS)))
        blocks.append(("table", job))
        blocks.append(("para", paragraph(rng)))
    blocks += [("heading", "Conclusions"), ("para", paragraph(rng))]
    return DocPlan(name=name, twocolumn=twocolumn, font_pt=rng.choice([10, 10, 11, 12]),
                   paper=rng.choice(["letterpaper", "a4paper"]), margin_in=rng.choice([0.75, 1.0, 1.0, 1.25]),
                   label_style=label_style, label_bold=rng.random() < 0.5, title=rng.choice(TITLES),
                   authors=[author(rng) for _ in range(rng.randint(1, 3))], blocks=blocks)


def _caption_setup(plan: DocPlan) -> str:
    opts = ["labelfont=bf" if plan.label_bold else "labelfont=rm"]
    extra = ""
    if plan.label_style == "period":
        opts.append("labelsep=period")
    elif plan.label_style == "roman":
        opts += ["name=TABLE", "labelsep=newline", "justification=centering"]
        extra = r"\renewcommand{\thetable}{\Roman{table}}"
    elif plan.label_style == "abbrev":
        opts.append("name=Tab.")
    elif plan.label_style == "supp":
        extra = r"\renewcommand{\thetable}{S\arabic{table}}"
    elif plan.label_style == "appendix":
        extra = r"\renewcommand{\thetable}{A.\arabic{table}}"
    return r"\captionsetup[table]{%s}" % ",".join(opts) + "\n" + extra


def _float(job: TableJob) -> str:
    env = job.env
    caption = r"\caption{%s}\label{tab:%d}" % (tex(job.caption), job.tid)
    note = (r"\par\vspace{3pt}\parbox{\wd\ltbox}{\footnotesize\raggedright %s}\par"
            % tex(job.content.footnote)) if job.content.footnote else ""
    body = tabular(job.content, job.style, job.tid)
    if job.resize:
        body = r"\resizebox{%s}{!}{%s}" % (r"\linewidth", body)
    if job.fit_height:
        limit = r"0.9\lttextwidth" if env == "sidewaystable" else r"0.8\lttextheight"
        body = r"\resizebox*{!}{%s}{%s}" % (limit, body)
    pos = "" if env == "sidewaystable" else f"[{job.placement}]"
    lines = [r"\begin{%s}%s" % (env, pos), r"\centering\hyphenpenalty=10000\exhyphenpenalty=10000",
             SIZES[job.size]]
    if not job.caption_below:
        lines += [r"\captionsetup{position=top}", caption]
    lines += [r"\sbox\ltbox{%s}" % body, r"\tabmark{%d}\usebox\ltbox\par" % job.tid, note]
    if job.caption_below:
        lines += [r"\captionsetup{position=bottom}", caption]
    lines.append(r"\end{%s}" % env)
    return "\n".join(x for x in lines if x)


def _longtable(job: TableJob) -> str:
    note = (r"\par{\footnotesize %s\par}" % tex(job.content.footnote)) if job.content.footnote else ""
    return "\n".join([r"{\hyphenpenalty=10000\exhyphenpenalty=10000", SIZES[job.size],
                      longtable(job.content, job.style, job.tid, tex(job.caption), f"tab:{job.tid}",
                                job.cont_caption), note + "}"])


def render(plan: DocPlan) -> str:
    """The document's LaTeX source."""
    cls = f"{plan.font_pt}pt,{plan.paper}" + (",twocolumn" if plan.twocolumn else "")
    out = [r"\documentclass[%s]{article}" % cls, r"\usepackage[margin=%sin]{geometry}" % plan.margin_in,
           PREAMBLE, _caption_setup(plan), r"\title{%s}" % tex(plan.title),
           r"\author{%s}" % r" \and ".join(tex(a) for a in plan.authors), r"\date{}",
           r"\begin{document}", r"\maketitle"]
    for i, (kind, payload) in enumerate(plan.blocks):
        if kind == "heading":
            out.append(r"\section{%s}" % payload)
        elif kind == "para":
            nxt = next((p for k, p in plan.blocks[i:] if k == "table"), None)
            ref = r"Table~\ref{tab:%d}" % nxt.tid if isinstance(nxt, TableJob) else "the table"
            out.append(str(payload).replace("@REF@", ref))
        elif kind == "equation":
            out.append(r"\begin{equation}%s\end{equation}" % payload)
        elif isinstance(payload, TableJob):
            out.append(_longtable(payload) if payload.env == "longtable" else _float(payload))
        out.append("")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"
