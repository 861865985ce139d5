"""What a random table says: its grid of cell texts with spans, header rows, caption and footnote.

Every choice is an independent draw from the `random.Random` handed in, and each one is recorded as a
style tag. Cell texts are the truth as a reader sees them (± − × ⁻⁴ ₂ μ included); `draw.py` prints
superscript and subscript characters as raised or lowered small text, as LaTeX does.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

MINUS = "\u2212"

ROW_LABELS = [
    "Control", "Baseline", "Pd/C", "Pt/C", "Ni–Mo", "ZnO", "TiO₂", "NaCl", "KBr", "CaCO₃", "Site A", "Site B",
    "Batch 3", "Sample 12", "S-7", "ResNet-50", "BERT-base", "ViT-B/16", "Linear", "Random forest", "SVM",
    "Wild type", "Knockout", "Placebo", "Treatment", "Dry season", "Wet season", "Granite", "Basalt",
    "Sandstone", "Hexane", "Toluene", "Ethanol", "Model A", "Model B", "Ours", "Ours (full)", "Day 1",
    "Day 14", "Week 6", "Cohort I", "Cohort II", "Group 1", "Group 2", "Patient 3", "Station 4", "Lake Ohrid",
    "Fe₂O₃", "Al₂O₃", "SiO₂", "H₂O", "CO₂", "LSTM", "GRU", "Transformer", "k-NN", "XGBoost", "MLP",
    "Adult", "Juvenile", "Male", "Female", "Urban", "Rural", "North", "South", "Core 2", "Run 17",
]
CATEGORIES = ["Training", "Validation", "Test", "In vitro", "In vivo", "Summer", "Winter", "Series A",
              "Series B", "Phase I", "Phase II", "Soil", "Water", "Sediment", "Low dose", "High dose",
              "Region 1", "Region 2", "Region 3", "Synthetic", "Real", "Catalyst", "Support"]
GROUPS = ["Cohort A", "Cohort B", "Train", "Test", "298 K", "350 K", "Before", "After", "Model 1",
          "Model 2", "Experiment", "Simulation", "Site 1", "Site 2", "Left", "Right", "Pre-treatment",
          "Post-treatment", "Short term", "Long term", "Day", "Night", "Dataset X", "Dataset Y", "Ours",
          "Baseline", "pH 4", "pH 7", "Fresh", "Aged", "Male", "Female", "1 h", "24 h", "Dry", "Wet"]
TOP_GROUPS = ["Primary outcome", "Secondary outcome", "Laboratory", "Field", "Stage 1", "Stage 2",
              "In-domain", "Out-of-domain", "Measured", "Predicted", "Condition A", "Condition B"]
# (name, unit): units are printed in one of several forms (UNIT_FORMS)
QUANTITIES = [
    ("Time", "s"), ("Temperature", "K"), ("T", "°C"), ("Yield", "%"), ("Conc.", "mg L⁻¹"), ("Rate", "s⁻¹"),
    ("ΔH", "kJ mol⁻¹"), ("Mass", "g"), ("Accuracy", "%"), ("F1", None), ("Depth", "m"), ("Pressure", "kPa"),
    ("Flux", "W m⁻²"), ("Density", "g cm⁻³"), ("Age", "years"), ("n", None), ("RMSE", None),
    ("Energy", "eV"), ("Size", "nm"), ("Dose", "μg kg⁻¹"), ("IC₅₀", "nM"), ("k", "s⁻¹"), ("Loss", None),
    ("Params", "M"), ("Latency", "ms"), ("Recall", "%"), ("Precision", "%"), ("BLEU", None),
    ("Length", "mm"), ("Weight", "kg"), ("Volume", "mL"), ("Velocity", "m s⁻¹"), ("Current", "mA"),
    ("Voltage", "V"), ("Power", "W"), ("Area", "m²"), ("Porosity", "%"), ("Strain", None), ("Stress", "MPa"),
    ("Count", None), ("Score", None), ("Error", "%"), ("Ratio", None), ("Half-life", "h"), ("Uptake", "%"),
    ("Viscosity", "mPa s"), ("Conductivity", "S m⁻¹"), ("Frequency", "Hz"), ("Wavelength", "nm"),
    ("Mean", None), ("SD", None), ("p-value", None), ("Coverage", "%"), ("Throughput", "MB s⁻¹"),
]
UNIT_FORMS = ["{n} ({u})", "{n} [{u}]", "{n}, {u}", "{n}/{u}"]
TEXT_VALUES = ["yes", "no", "n.d.", "Linear", "Cubic", "Gram+", "Gram−", "high", "low", "moderate", "stable",
               "fails", "Adam", "SGD", "open", "closed", "positive", "negative", "CNN", "RNN", "A", "B", "C"]
WRAP_WORDS = [word for line in (
    "fine grained sandstone with calcite cement and minor clay partly weathered surface layer",
    "collected after heavy rainfall from the upper reach of the river measured in triplicate",
    "under nitrogen at room temperature without further purification strong and reversible",
    "binding observed only in the presence of excess ligand",
    "pretrained on the full corpus then fine tuned for three epochs with early stopping",
) for word in line.split()]
CAPTION_FIRST = [
    "Comparison of {a} across {b}.", "Summary of the {a} measured for each {c}.",
    "Characteristics of the {c}s included in the study.", "Results on the {b} for all {c}s.",
    "{A} of the {c}s under the two conditions.", "Mean {a} per {c} and {b}.",
    "Parameters of the fitted model for each {c}.", "Effect of {a} on the outcome by {c}.",
]
CAPTION_MORE = [
    "Values are mean ± s.d. of three independent replicates.", "Best results are shown in bold.",
    "Measurements were taken at 298 K and ambient pressure unless noted otherwise.",
    "Missing entries were not measured or did not converge within the time limit.",
    "All models were trained with the same budget and evaluated on the held-out split.",
    "Uncertainties are given at the 95% confidence level and include the calibration error.",
    "The last column reports the relative change with respect to the control condition.",
    "Data for the second campaign were collected by the partner laboratory with the same protocol.",
]
CAP_A = ["yield", "accuracy", "concentration", "temperature", "energy", "error rate", "growth rate",
         "porosity"]
CAP_B = ["data sets", "sites", "time points", "cohorts", "benchmarks", "seasons", "dose levels"]
CAP_C = ["sample", "model", "catalyst", "patient", "station", "method", "strain", "run"]
FOOTNOTES = [
    "Note: values below the detection limit are left blank.", "Source: own measurements, 2021–2023.",
    "* p < 0.05 compared with the control.", "Note: n = 3 for every condition; ± one standard deviation.",
    "† Excluded from the average because of a sensor fault.",
]
# row labels of several words (methods, materials): stubs that wrap in `wrap_cells` tables
WRAP_LABELS = [
    "DC discharge", "Microwave discharge", "Arc discharge or laser ablation", "Laser ablation in helium",
    "Pulsed discharge nozzle", "Dielectric barrier discharge", "ICP RF discharge", "DC magnetron sputtering",
    "Chemical vapour deposition", "Burning propylene with oxygen", "Sol gel synthesis", "Ball milling",
    "Hydrothermal growth at low temperature", "Spin coating", "Random forest with tuned depth",
    "Support vector machine", "Two layer perceptron", "Gradient boosted trees", "Field survey",
    "Remote sensing of the upper catchment", "Core sampling", "Pit excavation", "Flow cytometry",
    "Whole genome sequencing", "Mass spectrometry after digestion", "Controlled release in vitro",
]
UNIT_ROW = ["kg ha⁻¹", "mg L⁻¹", "%", "(%)", "g cm⁻³", "μg kg⁻¹", "(mg kg⁻¹)", "[°C]", "m s⁻¹", "(s)", "t ha⁻¹",
            "mmol L⁻¹", "(cm)", "W m⁻²", "(MPa)", "ms"]
STYLES = frozenset({"wrap_cells", "units_row", "currency_apart"})
"""Styles drawn only when asked (generate.py --styles): off, a seed gives the same documents as before."""

MARK_NOTES = ["ᵃ Measured at 25 °C.", "ᵃ Estimated from the calibration curve.", "ᵇ Single measurement.",
              "ᵃ Reference material."]


@dataclass
class Cell:
    text: str
    rs: int = 1
    cs: int = 1
    bold: bool = False
    kind: str = "text"  # stub, head, group, section, or a value kind: dec int pm neg sci pct text wrap


@dataclass
class TableContent:
    rows: list[list[Cell | None]]  # None: a slot covered by a spanning cell
    header_rows: int
    stub_cols: int
    col_kinds: list[str]
    caption_sentences: list[str]
    footnote: str | None
    tags: set[str] = field(default_factory=set)
    groups: list[tuple[int, int]] = field(default_factory=list)  # body row ranges that must stay together

    @property
    def n_cols(self) -> int:
        return len(self.rows[0])

    def grid(self) -> list[list[str | None]]:
        return [[None if c is None else c.text for c in row] for row in self.rows]

    def spans(self) -> list[list[int]]:
        return [[r, c, cell.rs, cell.cs] for r, row in enumerate(self.rows) for c, cell in enumerate(row)
                if cell is not None and (cell.rs > 1 or cell.cs > 1)]


def sup(s: str) -> str:
    return s.translate(str.maketrans("0123456789-−+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁺"))


def _number(rng: random.Random, lo: float = -1, hi: float = 3.5) -> tuple[float, int]:
    mag = 10 ** rng.uniform(lo, hi)
    decimals = max(0, min(3, 2 - int(rng.uniform(lo, hi) // 1))) if rng.random() < 0.8 else rng.randint(0, 3)
    return mag, decimals


class ValueMaker:
    """One table's number formats: the minus sign, scientific notation and percent styles are table-wide."""

    def __init__(self, rng: random.Random, tags: set[str]):
        self.rng = rng
        self.tags = tags
        self.minus = MINUS if rng.random() < 0.7 else "-"
        self.sci_e = rng.random() < 0.35
        self.pct_space = rng.random() < 0.3
        self.thousands = rng.random() < 0.3
        self.wrap_words = (5, 10)  # a wrapped text cell's length in words

    def neg(self, s: str) -> str:
        self.tags.add("neg" if self.minus == MINUS else "neg_hyphen")
        return self.minus + s

    def make(self, kind: str) -> str:
        rng = self.rng
        if kind == "dec":
            v, d = _number(rng)
            return f"{v:.{d}f}"
        if kind == "int":
            v = int(10 ** rng.uniform(0, 5.5))
            if v >= 1000 and self.thousands:
                self.tags.add("thousands")
                return f"{v:,}"
            return str(v)
        if kind == "pm":
            v, d = _number(rng, 0, 3)
            e = v * rng.uniform(0.01, 0.2)
            self.tags.add("pm")
            return f"{v:.{d}f} ± {e:.{d}f}" if e >= 10 ** -d else f"{v:.{d + 1}f} ± {e:.{d + 1}f}"
        if kind == "neg":
            v, d = _number(rng, -1, 2.5)
            s = f"{v:.{d}f}"
            return self.neg(s) if rng.random() < 0.6 and s.strip("0.") else s  # no −0
        if kind == "sci":
            mant, exp = rng.uniform(1, 9.99), rng.randint(-9, 9)
            if exp == 0:
                exp = -3
            if self.sci_e:
                self.tags.add("sci_e")
                e = f"{exp:+03d}" if rng.random() < 0.3 else str(exp)
                return f"{mant:.1f}e{e.replace('-', self.minus) if self.minus == MINUS else e}"
            self.tags.add("sci_notation")
            return f"{mant:.1f} × 10{sup(str(exp))}"
        if kind == "pct":
            self.tags.add("percent")
            v = rng.uniform(0, 100)
            return f"{v:.1f}{' ' if self.pct_space else ''}%"
        if kind == "text":
            self.tags.add("text_cells")
            return rng.choice(TEXT_VALUES)
        if kind == "wrap":
            self.tags.add("wrap")
            n, i = rng.randint(*self.wrap_words), rng.randrange(len(WRAP_WORDS) - 12)
            return " ".join(WRAP_WORDS[i:i + n]).capitalize()
        raise ValueError(kind)


def _header_tree(rng: random.Random, n_leaves: int, depth: int) -> list:
    """Nodes: a leaf is None, a group is a list of nodes. Depth 2 and 3 trees hold at least one group
    (of two or more columns) on their top level, depth 3 at least one group of groups."""
    def groups_of(n: int, max_size: int = 4) -> list[int]:
        sizes = []
        while n > 0:
            s = min(n, rng.randint(1, max_size))
            sizes.append(s)
            n -= s
        return sizes

    if depth == 1:
        return [None] * n_leaves
    for _ in range(50):
        if depth == 2:
            tree = [None if s == 1 else [None] * s for s in groups_of(n_leaves)]
            if any(isinstance(t, list) for t in tree):
                return tree
        else:
            tree = []
            for s in groups_of(n_leaves, 6):
                if s == 1:
                    tree.append(None)
                elif s >= 4 and rng.random() < 0.8:
                    tree.append([None if k == 1 else [None] * k for k in groups_of(s, 3)])
                else:
                    tree.append([None] * s)
            if any(isinstance(t, list) and any(isinstance(u, list) for u in t) for t in tree):
                return tree
    return [[None] * n_leaves]  # pragma: no cover - only with n_leaves < 2


def _unit_header(rng: random.Random, used: set[str], tags: set[str], form: str) -> str:
    for _ in range(20):
        name, unit = rng.choice(QUANTITIES)
        if name not in used:
            break
    used.add(name)
    if unit and rng.random() < 0.75:
        tags.add("units")
        return form.format(n=name, u=unit)
    return name


def make_table(rng: random.Random, long: bool = False, max_cols: int = 12,
               styles: frozenset[str] = frozenset()) -> TableContent:
    """A random table; `long` ones (16-30 body rows) are for tables continued across pages. `styles` (see
    STYLES) forces styles that are never drawn otherwise: `wrap_cells`, row labels and one or two text columns
    of several words that wrap (the table's rows set apart, see rt_draw); `units_row`, a header row of units
    under the column heads, each spanning a group's columns (or all value columns)."""
    tags: set[str] = set()
    n_cols = min(max_cols, rng.choice([2, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12]))
    n_body = rng.choice([16, 20, 25, 30] if long else [2, 3, 4, 5, 6, 6, 7, 8, 8, 10, 12, 14, 16, 20, 25, 30])
    multirow = n_cols >= 3 and n_body >= 4 and rng.random() < 0.25
    if "wrap_cells" in styles:  # rows of several lines: fewer of them
        n_cols, n_body, multirow = max(3, n_cols), min(n_body, 10), False
    sections = not multirow and n_body >= 4 and rng.random() < 0.15
    stub_cols = 2 if multirow else 1
    n_val = n_cols - stub_cols
    depth = rng.choice([1, 1, 2, 2, 3]) if n_val >= 2 else 1
    if depth == 3 and n_val < 4:
        depth = 2
    vm = ValueMaker(rng, tags)
    if "wrap_cells" in styles:
        vm.wrap_words = (1, 7)
    kinds_pool = ["dec", "dec", "int", "pm", "neg", "sci", "pct", "text"]
    col_kinds = ["stub"] * stub_cols + [rng.choice(kinds_pool) for _ in range(n_val)]
    if "currency_apart" in styles:  # a financial statement: amounts, a few columns of them
        col_kinds = ["stub"] * stub_cols + [rng.choice(["int", "int", "dec"]) for _ in range(n_val)]
    if n_cols >= 3 and n_cols <= 8 and rng.random() < 0.2:
        col_kinds[rng.randrange(stub_cols, n_cols)] = "wrap"
    if "wrap_cells" in styles:
        col_kinds[0] = "wrap"
        for c in rng.sample(range(stub_cols, n_cols), rng.randint(1, 2) if n_cols >= 5 else 1):
            col_kinds[c] = "wrap"
    # ---- header
    tree = _header_tree(rng, n_val, depth)
    head: list[list[Cell | None]] = [[None] * n_cols for _ in range(depth)]
    form = rng.choice(UNIT_FORMS)
    used: set[str] = set()
    stub_names = rng.sample(["Method", "Sample", "Model", "Site", "Compound", "Variable", "Condition",
                             "Group", "Material", "Dataset", "Parameter", "Strain"], stub_cols)
    stub_bottom = depth > 1 and rng.random() < 0.3
    for c, name in enumerate(stub_names):
        if depth == 1 or not stub_bottom:
            head[0][c] = Cell(name, rs=depth, kind="head")
        else:
            for r in range(depth - 1):
                head[r][c] = Cell("", kind="head")
            head[depth - 1][c] = Cell(name, kind="head")
    if depth > 1:
        tags.add("stub_bottom" if stub_bottom else "stub_span")
    group_names = rng.sample(GROUPS, len(GROUPS))
    top_names = rng.sample(TOP_GROUPS, len(TOP_GROUPS))

    def place(nodes: list, level: int, col: int) -> int:
        for node in nodes:
            if node is None:
                text = _unit_header(rng, used, tags, form) if col_kinds[col] != "wrap" else \
                    rng.choice(["Description", "Notes", "Remarks", "Comment", "Observation"])
                if "units_row" in styles and n_val >= 2:  # its unit is printed in the units row
                    text = re.split(r" \(| \[|, |/", text)[0]
                head[level][col] = Cell(text, rs=depth - level, kind="head")
                if depth - level > 1:
                    tags.add("header_rowspan")
                col += 1
            else:
                width = _leaves(node)
                names = top_names if any(isinstance(u, list) for u in node) else group_names
                head[level][col] = Cell(names.pop(), cs=width, kind="group")
                tags.add("grouped_header")
                col = place(node, level + 1, col)
        return col

    place(tree, 0, stub_cols)
    if "units_row" in styles and n_val >= 2:
        head, depth = _units_row(rng, head, tree, stub_cols), depth + 1
        tags -= {"stub_bottom"}
        tags |= {"units_row", "stub_span"}
    _cover(head)
    # ---- body
    body: list[list[Cell | None]] = []
    groups: list[tuple[int, int]] = []
    labels = rng.sample(ROW_LABELS, min(len(ROW_LABELS), n_body))
    if "wrap_cells" in styles:
        tags.add("wrap_cells")
        labels = [rng.choice(WRAP_LABELS) for _ in range(n_body)]
    labels += [f"{rng.choice(['Run', 'Sample', 'Item'])} {k + 1}" for k in range(n_body - len(labels))]
    cats = rng.sample(CATEGORIES, len(CATEGORIES))
    r = 0
    while r < n_body:
        if sections and (r == 0 or rng.random() < 0.25):
            body.append([Cell(cats.pop(), cs=n_cols, kind="section")] + [None] * (n_cols - 1))
            tags.add("section_rows")
        k = min(n_body - r, rng.choice([2, 2, 3, 3, 4])) if multirow else 1
        start = len(body)
        for i in range(k):
            row: list[Cell | None] = []
            if multirow:
                row.append(Cell(cats[-1], rs=k, kind="stub") if i == 0 else None)
            row.append(Cell(labels[r + i], kind="stub"))
            row += [Cell(vm.make(kind), kind=kind) for kind in col_kinds[stub_cols:]]
            body.append(row)
        if multirow:
            cats.pop()
            if k > 1:
                tags.add("multirow")
        groups.append((start, len(body)))
        r += k
    # ---- blanks, dashes, bold best, footnote marks
    if rng.random() < 0.3:
        tags.add("empty_cells")
        p = rng.uniform(0.05, 0.25)
        for row in body:
            for c in range(stub_cols, n_cols):
                if row[c] is not None and row[c].kind not in ("section",) and rng.random() < p:
                    row[c].text = ""
    if rng.random() < 0.1:
        tags.add("dash_cells")
        for row in body:
            for c in range(stub_cols, n_cols):
                if row[c] is not None and row[c].kind != "section" and rng.random() < 0.1:
                    row[c].text = rng.choice(["–", "—", "n/a"])
    if rng.random() < 0.2:
        for c in range(stub_cols, n_cols):
            if col_kinds[c] in ("dec", "pct", "int"):
                vals = [(float(_plain(row[c].text)), row[c]) for row in body
                        if row[c] is not None and _plain(row[c].text)]
                if len(vals) >= 2:
                    max(vals, key=lambda v: v[0])[1].bold = True
                    tags.add("bold_best")
    if "currency_apart" in styles:
        _currency_signs(rng, body, stub_cols, n_cols, tags)
    footnote = None
    if rng.random() < 0.3:
        tags.add("footnote")
        if rng.random() < 0.4:
            footnote = rng.choice(MARK_NOTES)
            mark = footnote[0]
            cells = [row[c] for row in body for c in range(stub_cols, n_cols) if row[c] and row[c].text
                     and row[c].kind != "section"]
            if cells:
                rng.choice(cells).text += mark
                tags.add("footnote_marks")
        else:
            footnote = rng.choice(FOOTNOTES)
    # ---- caption
    words = {"a": rng.choice(CAP_A), "b": rng.choice(CAP_B), "c": rng.choice(CAP_C)}
    first = rng.choice(CAPTION_FIRST).format(A=words["a"].capitalize(), **words)
    more = rng.sample(CAPTION_MORE, 4)
    if "bold_best" in tags:
        more.insert(0, "Best results are shown in bold.")
    return TableContent(rows=head + body, header_rows=depth, stub_cols=stub_cols, col_kinds=col_kinds,
                        caption_sentences=[first] + [m for i, m in enumerate(more) if m not in more[:i]],
                        footnote=footnote, tags=tags | {f"header_{depth}row{'s' if depth > 1 else ''}"},
                        groups=[(a + depth, b + depth) for a, b in groups])


def _currency_signs(rng: random.Random, body: list[list[Cell | None]], stub_cols: int, n_cols: int,
                    tags: set[str]) -> None:
    """US financial statements: a `$` before the amounts of the first row and of the total row, drawn set apart
    at the cell's left edge (rt_draw), the amount flush right; the last row becomes the total."""
    rows = [row for row in body if row[stub_cols] is not None and row[stub_cols].kind != "section"]
    if len(rows) < 2:
        return
    rows[-1][stub_cols - 1].text = rng.choice(["Total", "Total net revenue", "Total assets"])
    columns = [c for c in range(stub_cols, n_cols) if rng.random() < 0.8] or [stub_cols]
    for row in (rows[0], rows[-1]):
        for c in columns:
            cell = row[c]
            if cell is not None and cell.text and cell.text[0].isdigit():
                cell.text = f"$ {cell.text}"
                tags.add("currency_apart")


def _units_row(rng: random.Random, head: list[list[Cell | None]], tree: list,
               stub_cols: int) -> list[list[Cell | None]]:
    """The header with a row of units under its column heads: one unit per top-level group of columns,
    spanning them, or one across all value columns when the header has no groups (`kg ha⁻¹` under
    `Perkins  Perry  Morrison`); a head without a group reaches down over the row, and the stub heads span
    the whole header (set in its lowest row, a stub head centred between the heads and the units would be
    read either way)."""
    depth = len(head)
    row: list[Cell | None] = [None] * len(head[0])
    for c in range(stub_cols):
        name = next(head[r][c].text for r in range(depth) if head[r][c] is not None and head[r][c].text)
        for r in range(depth):
            head[r][c] = Cell(name, rs=depth + 1, kind="head") if r == 0 else None
    groups = [(col, _leaves(node)) for col, node in _top_level(tree, stub_cols) if isinstance(node, list)]
    if not groups:
        groups = [(stub_cols, len(row) - stub_cols)]
    units = rng.sample(UNIT_ROW, len(groups))
    grouped = {c for col, width in groups for c in range(col, col + width)}
    for (col, width), unit in zip(groups, units):
        row[col] = Cell(unit, cs=width, kind="units")
    for c in range(stub_cols, len(row)):
        if c not in grouped:  # the head over it (covered slots are None) reaches down
            head[next(r for r in range(depth - 1, -1, -1) if head[r][c] is not None)][c].rs += 1
    return head + [row]


def _top_level(tree: list, first: int) -> list[tuple[int, object]]:
    out, col = [], first
    for node in tree:
        out.append((col, node))
        col += _leaves(node)
    return out


def _leaves(node) -> int:
    return 1 if node is None else sum(_leaves(n) for n in node)


def _cover(rows: list[list[Cell | None]]) -> None:
    """Check that every slot is either a cell or covered by exactly one span (None)."""
    owner = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    assert (r + dr, c + dc) not in owner, (r, c)
                    owner[(r + dr, c + dc)] = (r, c)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            assert (r, c) in owner, (r, c, rows)
            assert (cell is None) == (owner[(r, c)] != (r, c))


def _plain(text: str) -> str:
    s = text.replace(",", "").replace("%", "").replace(MINUS, "-").strip()
    try:
        float(s)
        return s
    except ValueError:
        return ""
