"""Running text and the things around tables that are not tables: titles, author blocks, references,
numbered lists and display equations (the words only; layout.py sets them)."""
from __future__ import annotations

import random

SUBJECTS = ["the catalyst", "the proposed model", "each sample", "the control group", "the measured signal",
            "the second campaign", "this effect", "the baseline", "the sediment core", "the fitted curve",
            "every patient", "the reference material", "our method", "the network", "the alloy"]
VERBS = ["shows", "reaches", "exceeds", "follows", "depends on", "reduces", "improves", "matches",
         "differs from", "remains close to", "correlates with", "is limited by", "converges to"]
OBJECTS = ["the expected trend", "a higher yield", "the theoretical value", "the previous estimate",
           "a plateau after two hours", "the detection limit", "the value reported earlier",
           "a clear seasonal cycle", "the noise floor of the instrument", "the accuracy of larger models",
           "a linear dependence on temperature", "the results of the pilot study"]
TAILS = ["within the uncertainty", "at all three sites", "for the smaller samples", "in most runs",
         "under dry conditions", "after calibration", "when the dose is doubled", "on the held-out data",
         "across both cohorts", "despite the larger spread", "as predicted by the model"]
FIRST = ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Julia", "Kenji",
         "Lena", "Marta", "Nikhil", "Olga", "Pedro", "Qing", "Rosa", "Sven", "Tariq", "Ursula", "Viktor",
         "Wen", "Yusuf"]
LAST = ["Smith", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "García", "Müller", "Rossi", "Kowalski",
        "Nguyen", "Haddad", "Petrov", "Silva", "Jensen", "Ibrahim", "Kim", "Costa", "Weber", "Andersen"]
INSTITUTES = ["Department of Chemistry, University of Oslo, Norway",
              "Institute of Physics, ETH Zürich, Switzerland",
              "School of Computing, National University, Singapore",
              "Faculty of Medicine, Charles University, Prague",
              "Centre for Earth Sciences, University of Cape Town, South Africa",
              "Max Planck Institute, Mainz, Germany",
              "Department of Biology, McGill University, Montréal, Canada",
              "Lab of Materials, Tohoku University, Japan"]
JOURNALS = ["J. Appl. Chem.", "Phys. Rev. B", "Nature Methods", "Proc. NeurIPS", "Geochim. Cosmochim. Acta",
            "Lancet", "IEEE Trans. Pattern Anal.", "Water Res.", "Anal. Chem.", "Ecology"]
TITLES = ["Seasonal variation of trace metals in river sediments", "A benchmark for robust table recognition",
          "Kinetics of CO₂ reduction on supported nickel catalysts",
          "Dose–response of a novel inhibitor in mice",
          "Scaling laws for small language models", "Thermal conductivity of porous ceramics",
          "Long-term monitoring of alpine lakes", "Mechanical properties of recycled aggregate concrete"]
HEADINGS = ["Introduction", "Materials and methods", "Experimental setup", "Results", "Discussion",
            "Data collection", "Model and training", "Related work", "Evaluation", "Conclusions"]
EQUATIONS = ["E(t) = E₀ exp(−t/τ) + c", "y = α x² + β x + γ", "k = A exp(−Eₐ / R T)", "L = −Σ yᵢ log pᵢ",
             "σ² = (1/n) Σ (xᵢ − μ)²", "F = m a + b v", "C(t) = C₀ (1 − e⁻ᵏᵗ)", "R² = 1 − SSres / SStot",
             "P(x) = λˣ e⁻λ / x!", "Δ G = Δ H − T Δ S"]
LIST_ITEMS = ["the samples were dried at 105 °C for 24 h before weighing",
              "all runs used the same random seed and batch size",
              "outliers beyond three standard deviations were removed",
              "the instrument was calibrated every morning with a reference standard",
              "measurements below the detection limit were set to half of it",
              "each participant gave written informed consent",
              "temperatures were logged every ten minutes at two depths",
              "the code and data are available from the authors on request"]


def sentence(rng: random.Random, mention: str | None = None) -> str:
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    s = s[0].upper() + s[1:]
    if mention:
        s += f", as {rng.choice(['shown in', 'listed in', 'summarised in', 'given in'])} {mention}"
    return s + "."


def paragraph(rng: random.Random, n: int | None = None, mention: str | None = None) -> str:
    n = n or rng.randint(2, 6)
    at = rng.randrange(n) if mention else -1
    return " ".join(sentence(rng, mention if i == at else None) for i in range(n))


def author(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def reference(rng: random.Random) -> str:
    names = ", ".join(f"{rng.choice(FIRST)[0]}. {rng.choice(LAST)}" for _ in range(rng.randint(1, 4)))
    title = sentence(rng).rstrip(".")
    return (f"{names}. {title}. {rng.choice(JOURNALS)} {rng.randint(1, 120)}({rng.randint(1, 12)}), "
            f"{rng.randint(1, 900)}–{rng.randint(901, 1800)} ({rng.randint(1985, 2025)}).")


def list_item(rng: random.Random) -> str:
    s = rng.choice(LIST_ITEMS)
    return s[0].upper() + s[1:] + "."
