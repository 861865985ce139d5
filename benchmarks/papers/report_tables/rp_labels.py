"""Caption labels in the forms real documents print them (`--styles labels`): the word (`Table`, `TABLE`,
`Tab.`, `Supplementary Table`, `Extended Data Table`, CJK `表`), the number (324, 5.14, 6.1.2, A-3, S2, IV,
B.1, 7-1), the separator (`.`, `:`, an en or em dash, `|`, two spaces, a line break, CJK `：`) and the side
(above the table, or under it), each drawn apart, with the truth label and caption exact."""
from __future__ import annotations

import random
from dataclasses import dataclass

WORDS = ["Table", "Table", "TABLE", "Tab.", "Supplementary Table", "Extended Data Table", "表"]
NUMBERS = ["int", "long", "dotted", "dotted3", "letter_dash", "supp", "roman", "letter_dot", "chapter_dash"]
SEPARATORS = [". ", ": ", " \u2013 ", "\u2014", " | ", "  ", "\n"]
CJK_TITLES = ["发行人历史评级情况", "截至2023年3月末发行人授信及使用情况", "主要财务数据及指标", "发行人债务结构情况",
              "近三年营业收入构成", "对外担保情况"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIV", "XIX"]


@dataclass(frozen=True)
class LabelForm:
    """One caption's printed label: the truth label, the printed label, the separator after it ("\\n": the
    title on the next line), the title's language and whether the caption sits under its table."""

    label: str
    printed: str
    sep: str
    cjk: bool
    below: bool


def draw_form(rng: random.Random) -> LabelForm:
    """A label drawn from every word, number and separator form, with its truth."""
    word = rng.choice(WORDS)
    kind = rng.choice(NUMBERS)
    if word.startswith("Supplementary") or kind == "supp":
        kind = "supp" if rng.random() < 0.5 or word.startswith("Supplementary") else kind
    number = {"int": str(rng.randint(1, 12)), "long": str(rng.randint(100, 999)),
              "dotted": f"{rng.randint(1, 12)}.{rng.randint(1, 20)}",
              "dotted3": f"{rng.randint(1, 9)}.{rng.randint(1, 9)}.{rng.randint(1, 9)}",
              "letter_dash": f"{rng.choice('ABCD')}-{rng.randint(1, 15)}", "supp": f"S{rng.randint(1, 12)}",
              "roman": rng.choice(ROMAN), "letter_dot": f"{rng.choice('ABC')}.{rng.randint(1, 9)}",
              "chapter_dash": f"{rng.randint(1, 9)}-{rng.randint(1, 9)}"}[kind]
    cjk = word == "表"
    if cjk:
        number = rng.choice([number, f"{rng.randint(1, 9)}-{rng.randint(1, 9)}"]) if kind != "roman" else \
            f"{rng.randint(1, 9)}-{rng.randint(1, 9)}"
        sep = rng.choice(["\uff1a", ":", " ", "  "])
        printed = f"表{rng.choice(['', ' '])}{number}"
    else:
        sep = rng.choice(SEPARATORS)
        printed = f"{word} {number}"
    return LabelForm(label=f"{'表' if cjk else word} {number}".replace("表 ", "表"), printed=printed, sep=sep,
                     cjk=cjk, below=rng.random() < 0.3)


def title_lines(form: LabelForm, title: str) -> list[tuple[str, str]]:
    """The caption's printed pieces before wrapping: (text, role) with role 'label' or 'title'; a line break
    puts the title on a line of its own, two spaces keep label and title on one line apart."""
    if form.sep == "\n":
        return [(form.printed, "label"), (title, "title")]
    return [(form.printed + form.sep + title, "title")]
