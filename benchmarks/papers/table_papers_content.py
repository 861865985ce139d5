"""The table papers' text and tables: each table's grid is its truth, its LaTeX rows are rendered from it.

A table is a dict: label, label_text (as printed), caption (as printed, without the label), grid (rows of
cell text as a reader sees it; a spanning cell's text in its top-left slot, covered slots None, empty
cells ""), spans ([row, col, row_span, col_span]), header_rows, footnote, style tags, pages.
"""
from __future__ import annotations

from tables_tex import rows

# ------------------------------------------------------------------------------------------- shared text
PROSE = {
    "calib": (
        "Calibration of the front-end electronics was repeated after every thermal cycle. The gain of each "
        "channel follows from a linear fit of the pulse height against the injected charge, while the offset "
        "is the intercept of that fit. Channels whose residuals exceeded three standard deviations were "
        "excluded from the analysis and are not reported here. The drift values are the relative change of "
        "the gain over the full campaign of measurements."),
    "method": (
        "We compare three families of models on two public datasets. Each model is evaluated both without any "
        "task-specific training and after fine-tuning on the training split, using the same optimiser, "
        "learning-rate schedule and early-stopping criterion. Precision and recall are computed at the "
        "operating point that maximises the F1 score on the validation split, which is then fixed for the "
        "test split. Empty entries mark runs that did not converge within the time budget."),
    "film": (
        "Thin films were grown by pulsed laser deposition on sapphire substrates held at a fixed "
        "temperature. The thickness was measured by X-ray reflectivity and the sheet resistance by the van "
        "der Pauw method at room temperature. Hall measurements in a field of one tesla give the carrier "
        "mobility, which decreases with the film thickness as grain-boundary scattering becomes dominant."),
    "filler": (
        "The same protocol was applied to every sample, and the measurement order was randomised to avoid "
        "systematic drifts being mistaken for trends. Repeated measurements on a reference sample at the "
        "start and end of each session agree within their stated uncertainties, which indicates that the "
        "apparatus was stable over the course of the study. Where values are missing, the corresponding "
        "measurement failed the quality checks described in the previous section."),
}


def para(*keys: str) -> str:
    return "\n\n".join(PROSE[k] for k in keys) + "\n\n"


# ------------------------------------------------------------------------------------------- paper 1
# IEEEtran conference, two columns, Times: TABLE I-style captions above, one-column and spanning tables,
# an algorithm listing and aligned equations (not tables), an IEEE reference list.

P1_T1 = {
    "label": "Table 1", "label_text": "TABLE I", "caption": "Calibration constants of the readout channels",
    "grid": [["Channel", "Gain (mV fC⁻¹)", "Offset (mV)", "Drift (%)"],
          ["A1", "12.4 ± 0.3", "−3.21", "0.8"],
          ["A2", "11.9 ± 0.2", "−0.47", "1.1"],
          ["A3", "12.8 ± 0.4", "2.05", "−0.3"],
          ["B1", "10.7 ± 0.3", "−12.60", "2.4"],
          ["B2", "11.2 ± 0.5", "0.93", "−1.7"],
          ["B3", "13.1 ± 0.2", "−7.07", "0.2"]],
    "spans": [], "header_rows": 1, "footnote": None,
    "style": ["booktabs", "twocol", "pm", "neg", "units", "caption_above", "ieee_caption", "superscript"]}

P1_T2 = {
    "label": "Table 2", "label_text": "TABLE II",
    "caption": "Precision, recall and F1 of all models on both datasets, without and with fine-tuning",
    "grid": [["", "", "Dataset A", None, None, "Dataset B", None, None],
          ["Model", "Setting", "Prec. (%)", "Rec. (%)", "F1", "Prec. (%)", "Rec. (%)", "F1"],
          ["CNN", "zero-shot", "71.2", "65.4", "0.682", "68.9", "60.1", "0.642"],
          [None, "fine-tuned", "84.5", "80.2", "0.823", "79.3", "77.8", "0.785"],
          ["Transformer", "zero-shot", "76.8", "70.9", "0.737", "", "", ""],
          [None, "fine-tuned", "88.1", "85.7", "0.869", "83.4", "81.0", "0.822"],
          ["Hybrid (ours)", "zero-shot", "78.3", "74.6", "0.764", "72.5", "69.9", "0.712"],
          [None, "fine-tuned", "90.4", "88.2", "0.893", "86.7", "84.1", "0.854"]],
    "spans": [[0, 2, 1, 3], [0, 5, 1, 3], [2, 0, 2, 1], [4, 0, 2, 1], [6, 0, 2, 1]], "header_rows": 2, "footnote": None,
    "style": ["booktabs", "spanning", "twocol", "grouped_header", "multirow", "empty_cells", "units",
                      "caption_above", "ieee_caption"]}

P1_T3 = {
    "label": "Table 3", "label_text": "TABLE III", "caption": "Properties of the films after annealing",
    "grid": [["Sample", "Thickness (nm)", "R (Ω/sq)", "Mobility (cm² V⁻¹ s⁻¹)"],
          ["F-05", "5.2", "412.0", "3.1"],
          ["F-10", "10.4", "198.5", "7.9"],
          ["F-20", "19.8", "87.3", "15.2"],
          ["F-40", "41.1", "36.9", "22.6"],
          ["F-80", "79.5", "17.4", "28.0"]],
    "spans": [], "header_rows": 1, "footnote": None,
    "style": ["ruled", "twocol", "units", "caption_above", "ieee_caption", "superscript"]}

P1_TEX = r"""\documentclass[conference]{IEEEtran}
\usepackage[T1]{fontenc}
\usepackage{amsmath,booktabs,multirow,graphicx,textcomp}
\usepackage{algorithm,algorithmic}
\begin{document}
\title{Calibrating Readout Electronics and Learned Models\\for Thin-Film Sensor Arrays}
\author{\IEEEauthorblockN{A. Tabler and B. Ruler}
\IEEEauthorblockA{Institute of Measurement Science\\Example City, Country}}
\maketitle
\begin{abstract}
We describe the calibration of a sensor array built from oxide thin films, compare learned models that
classify its signals, and report the electrical properties of the films. Calibration constants are listed in
Table~I, model scores in Table~II and film properties in Table~III.
\end{abstract}

\section{Introduction}
""" + para("calib", "filler") + r"""
\begin{table}[t]
\caption{""" + P1_T1["caption"] + r"""}
\centering
\begin{tabular}{lrrr}
\toprule
""" + rows(P1_T1["grid"], [], 0, 1, rules={0: r"\midrule"}) + "\n" + rows(P1_T1["grid"], [], 1) + r"""
\bottomrule
\end{tabular}
\end{table}

As Table~I shows, the offsets are small compared with the signal, and the largest drift, 2.4\%, is found
on channel B1. The gain $g$ and offset $o$ of a channel follow from the least-squares problem
\begin{align}
(g, o) &= \arg\min_{g,o} \sum_{i=1}^{N} \left(v_i - g\,q_i - o\right)^2, \\
\sigma_g^2 &= \frac{\hat\sigma^2}{\sum_i (q_i - \bar q)^2},
\end{align}
where $q_i$ is the injected charge and $v_i$ the measured pulse height.

\begin{table*}[t]
\caption{""" + P1_T2["caption"] + r"""}
\centering
\begin{tabular}{llrrrrrr}
\toprule
""" + rows(P1_T2["grid"], P1_T2["spans"], 0, 1, rules={0: r"\cmidrule(lr){3-5}\cmidrule(lr){6-8}"}) + "\n" \
    + rows(P1_T2["grid"], P1_T2["spans"], 1, 2, rules={1: r"\midrule"}) + "\n" \
    + rows(P1_T2["grid"], P1_T2["spans"], 2, rules={3: r"\midrule", 5: r"\midrule"}) + r"""
\bottomrule
\end{tabular}
\end{table*}

\section{Learned models}
""" + para("method") + r"""
Table~II lists the scores. Fine-tuning improves every model, and the hybrid model is best on both datasets.
The training procedure is summarised in Algorithm~\ref{alg:train}.

\begin{algorithm}[h]
\caption{Fine-tuning with early stopping}\label{alg:train}
\begin{algorithmic}[1]
\REQUIRE training set $D$, validation set $V$, patience $p$
\STATE $best \leftarrow 0$; $wait \leftarrow 0$
\FOR{epoch $= 1$ \TO $E$}
\STATE update the weights on one pass over $D$
\STATE $s \leftarrow$ F1 on $V$
\IF{$s > best$}
\STATE $best \leftarrow s$; $wait \leftarrow 0$
\ELSE
\STATE $wait \leftarrow wait + 1$
\ENDIF
\IF{$wait \geq p$}
\STATE \textbf{break}
\ENDIF
\ENDFOR
\end{algorithmic}
\end{algorithm}

\section{Film properties}
""" + para("film") + r"""
\begin{table}[h]
\caption{""" + P1_T3["caption"] + r"""}
\centering
\begin{tabular}{|l|c|c|c|}
\hline
""" + rows(P1_T3["grid"], [], rules={r: r"\hline" for r in range(len(P1_T3["grid"]))}) + r"""
\end{tabular}
\end{table}

The sheet resistance in Table~III falls with thickness roughly as $R \propto t^{-1}$, and the mobility
saturates near 28~cm$^2$\,V$^{-1}$\,s$^{-1}$ for the thickest films.
""" + para("filler") + r"""
\section{Conclusion}
A simple linear calibration suffices for all channels, fine-tuning helps every model, and thicker films
conduct better. The data behind Tables I--III are available from the authors.

\begin{thebibliography}{9}
\bibitem{a} A. Author and B. Author, ``Readout electronics for oxide sensors,'' \emph{IEEE Trans. Instrum.
Meas.}, vol. 70, no. 3, pp. 1--9, 2021.
\bibitem{b} C. Writer, ``Table 3 revisited: a note on sheet resistance,'' in \emph{Proc. Sensors Conf.},
2019, pp. 112--115.
\bibitem{c} D. Scholar, E. Scholar, and F. Scholar, \emph{Thin Film Growth}, 2nd ed. New York: Wiley, 2018.
\bibitem{d} G. Coder, ``Early stopping revisited,'' \emph{J. Mach. Learn. Res.}, vol. 22, pp. 1--30, 2022.
\end{thebibliography}
\end{document}
"""

# ------------------------------------------------------------------------------------------- paper 2
# article, one column, Latin Modern, page headers: a table with rotated column headers, a sidewaystable,
# a landscape page with a threeparttable (caption below, "Table 3." label), a tabbing layout (not a table).

P2_T1 = {
    "label": "Table 1", "label_text": "Table 1", "caption": "Thermochemical data of the oxides studied.",
    "grid": [["Compound", "Melting point (K)", "Density (g cm⁻³)", "Band gap (eV)", "ΔH (kJ mol⁻¹)"],
          ["TiO₂", "2116", "4.23", "3.20", "−944.0"],
          ["ZrO₂", "2988", "5.68", "5.00", "−1100.6"],
          ["Al₂O₃", "2345", "3.95", "8.80", "−1675.7"],
          ["In₂O₃", "2183", "7.18", "2.90", "−925.8"],
          ["SnO₂", "1903", "6.95", "3.60", "−577.6"]],
    "spans": [], "header_rows": 1, "footnote": None,
    "style": ["booktabs", "onecol", "rotated_header", "neg", "units", "subscript", "caption_above"]}

P2_T2 = {
    "label": "Table 2", "label_text": "Table 2",
    "caption": "Monthly mean values at the two stations over the measurement year.",
    "grid": [["", "Station North", None, None, None, "Station South", None, None, None],
          ["Month", "T (°C)", "p (hPa)", "RH (%)", "Rain (mm)", "T (°C)", "p (hPa)", "RH (%)", "Rain (mm)"],
          ["January", "−4.2", "1018.3", "86", "42.1", "3.1", "1016.2", "78", "61.4"],
          ["February", "−2.9", "1016.9", "82", "37.5", "4.0", "1015.8", "75", "55.0"],
          ["March", "1.6", "1014.2", "74", "40.8", "7.2", "1013.9", "71", "48.3"],
          ["April", "6.8", "1012.5", "68", "45.2", "10.9", "1012.7", "66", "39.7"],
          ["May", "11.9", "1013.1", "66", "58.9", "15.3", "1014.0", "64", "30.2"],
          ["June", "15.4", "1014.6", "67", "71.3", "19.8", "1015.1", "60", "18.6"],
          ["July", "17.2", "1015.0", "69", "80.4", "22.4", "1015.9", "57", "9.8"],
          ["August", "16.8", "1014.8", "72", "77.1", "22.1", "1015.6", "59", "12.5"],
          ["September", "12.7", "1015.7", "77", "62.0", "18.6", "1015.0", "65", "25.1"],
          ["October", "7.5", "1016.4", "82", "55.6", "13.5", "1014.4", "72", "47.9"],
          ["November", "2.3", "1017.2", "86", "49.7", "8.1", "1015.3", "77", "63.2"],
          ["December", "−2.1", "1018.0", "88", "46.3", "4.4", "1016.0", "80", "66.8"]],
    "spans": [[0, 1, 1, 4], [0, 5, 1, 4]], "header_rows": 2, "footnote": None,
    "style": ["booktabs", "rotated", "sidewaystable", "grouped_header", "neg", "units", "caption_above"]}

P2_T3 = {
    "label": "Table 3", "label_text": "Table 3",
    "caption": "Fit parameters of the kinetic model for each catalyst.",
    "grid": [["Catalyst", "Loading (wt%)", "Eₐ (kJ mol⁻¹)", "ln A", "k₃₀₀ (s⁻¹)", "Yield (%)", "Selectivity (%)"],
          ["Pt/Al₂O₃ᵃ", "1.0", "62.4 ± 1.8", "21.3", "3.2 × 10⁻⁴", "78.5", "91.2"],
          ["Pd/Al₂O₃", "1.0", "71.9 ± 2.4", "22.8", "1.1 × 10⁻⁵", "64.0", "88.7"],
          ["Rh/SiO₂", "0.5", "58.2 ± 1.1", "19.7", "8.9 × 10⁻⁴", "81.3", "79.4"],
          ["Ni/SiO₂ᵇ", "5.0", "84.6 ± 3.0", "24.1", "2.4 × 10⁻⁶", "42.7", "95.0"],
          ["Cu/ZnO", "10.0", "93.1 ± 4.2", "25.5", "6.0 × 10⁻⁷", "35.2", "97.3"]],
    "spans": [], "header_rows": 1,
    "footnote": "ᵃ Reference catalyst. ᵇ Reduced in hydrogen at 773 K before use.",
    "style": ["booktabs", "rotated", "landscape", "pm", "sci_notation", "units", "subscript", "footnote",
           "threeparttable", "caption_below", "caption_period"]}

P2_TEX = r"""\documentclass[11pt]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[margin=2.5cm]{geometry}
\usepackage{amsmath,booktabs,graphicx,rotating,pdflscape,threeparttable,textcomp}
\usepackage[labelsep=colon,font=small,labelfont=bf]{caption}
\usepackage{fancyhdr}
\pagestyle{fancy}\fancyhf{}
\fancyhead[L]{\small Journal of Applied Oxide Chemistry}\fancyhead[R]{\small Preprint}
\fancyfoot[C]{\thepage}
\title{Oxide Catalysts under Realistic Conditions:\\Thermochemistry, Field Data and Kinetics}
\author{C. Column \and D. Row}
\date{}
\begin{document}
\maketitle
\thispagestyle{fancy}
\section{Introduction}
""" + para("film") + r"""
The thermochemical data of the oxides are collected in Table~1; the formation enthalpies are negative for
all of them, and the band gap spans almost a factor of three.

\begin{table}[h]
\centering
\caption{""" + P2_T1["caption"] + r"""}
\begin{tabular}{lrrrr}
\toprule
""" + rows(P2_T1["grid"], [], 0, 1, wrap={(0, c): r"\rotatebox{90}{%s}" for c in range(1, 5)},
           rules={0: r"\midrule"}) + "\n" + rows(P2_T1["grid"], [], 1) + r"""
\bottomrule
\end{tabular}
\end{table}

The rates reported below follow the Arrhenius form
\begin{equation}
k(T) = A \exp\left(-\frac{E_a}{R T}\right), \qquad \ln k = \ln A - \frac{E_a}{R T},
\end{equation}
so that a plot of $\ln k$ against $1/T$ gives the activation energy from its slope.

\section{Field measurements}
""" + para("calib") + r"""
The two stations were operated with the following settings:

\begin{tabbing}
\hspace*{1cm}\=Sampling interval:\hspace*{1cm}\=10 min\\
\>Logger:\>CR1000 with a 12-bit converter\\
\>Calibration:\>every 90 days against a reference probe
\end{tabbing}

Monthly means are listed in Table~2, which is printed sideways on its own page.

\begin{sidewaystable}
\centering
\caption{""" + P2_T2["caption"] + r"""}
\begin{tabular}{lrrrrrrrr}
\toprule
""" + rows(P2_T2["grid"], P2_T2["spans"], 0, 1, rules={0: r"\cmidrule(lr){2-5}\cmidrule(lr){6-9}"}) + "\n" \
    + rows(P2_T2["grid"], [], 1, 2, rules={1: r"\midrule"}) + "\n" + rows(P2_T2["grid"], [], 2) + r"""
\bottomrule
\end{tabular}
\end{sidewaystable}

\begin{landscape}
\begin{table}
\centering
\captionsetup{labelsep=period}
\begin{threeparttable}
\begin{tabular}{lrrrrrr}
\toprule
""" + rows(P2_T3["grid"], [], 0, 1, rules={0: r"\midrule"}).replace("wt\\%", "wt\\%") + "\n" \
    + rows(P2_T3["grid"], [], 1).replace("$^{}$", "") \
        .replace(r"Pt/Al$_{2}$O$_{3}$ᵃ", r"Pt/Al$_{2}$O$_{3}$\tnote{a}") \
        .replace(r"Ni/SiO$_{2}$ᵇ", r"Ni/SiO$_{2}$\tnote{b}") + r"""
\bottomrule
\end{tabular}
\begin{tablenotes}\small
\item[a] Reference catalyst.
\item[b] Reduced in hydrogen at 773 K before use.
\end{tablenotes}
\end{threeparttable}
\caption{""" + P2_T3["caption"] + r"""}
\end{table}
\end{landscape}

\section{Kinetics}
""" + para("filler") + r"""
Table~3 gives the fitted parameters. The rate constant at 300~K spans almost three orders of magnitude, from
$6.0\times10^{-7}$ to $8.9\times10^{-4}$~s$^{-1}$, while the activation energies stay between 58 and
93~kJ\,mol$^{-1}$.

\section*{References}
\begin{enumerate}\small
\item[{[1]}] S. Arrhenius, On the reaction velocity of the inversion of cane sugar by acids, Z. Phys. Chem.
4 (1889) 226--248.
\item[{[2]}] H. Eyring, The activated complex in chemical reactions, J. Chem. Phys. 3 (1935) 107--115.
\item[{[3]}] M. Boudart, Turnover rates in heterogeneous catalysis, Chem. Rev. 95 (1995) 661--666.
\end{enumerate}
\end{document}
"""

# ------------------------------------------------------------------------------------------- paper 3
# article, one column, Times: "Tab. 1" labels, a dcolumn table with its caption below, a longtable that runs
# over three pages with its header repeated under "Tab. 2 (continued)", siunitx S columns (math minus,
# e-notation printed as × 10⁻⁴, ± uncertainties).

def _long_rows() -> list[list[str]]:
    """Deterministic measurement rows for the longtable (no randomness: values from simple formulas)."""
    isotopes = ["⁶⁰Co", "¹³⁷Cs", "²²Na", "⁵⁷Co", "¹³³Ba", "²⁴¹Am", "⁵⁴Mn", "⁶⁵Zn", "⁸⁸Y"]
    out = []
    for k in range(96):
        temp = 280.0 + 2.5 * k + (k % 3) * 0.4
        mant = 1.0 + ((k * 37) % 89) / 10.0
        exp = -((k * 7) % 5) - 2
        shift = ((k * 53) % 211 - 105) / 10.0
        act = 10.0 + ((k * 29) % 170) / 2.0
        err = 0.1 + ((k * 11) % 9) / 10.0
        out.append([str(k + 1), isotopes[k % len(isotopes)], f"{temp:.1f}",
                    f"{mant:.1f} × 10{''.join('⁰¹²³⁴⁵⁶⁷⁸⁹'[int(d)] if d.isdigit() else '⁻' for d in str(exp))}",
                    f"{shift:.1f}".replace("-", "−"), f"{act:.1f} ± {err:.1f}"])
    return out


P3_T1 = {
    "label": "Table 1", "label_text": "Tab. 1", "caption": "Detector efficiencies at the calibration energies.",
    "grid": [["Energy (keV)", "Efficiency (%)", "Coefficient", "Offset (keV)"],
          ["59.5", "12.84", "0.913", "−0.42"],
          ["122.1", "9.371", "1.027", "0.15"],
          ["356.0", "4.205", "1.114", "−1.08"],
          ["661.7", "2.662", "0.986", "0.37"],
          ["1173.2", "1.748", "1.002", "−0.06"],
          ["1332.5", "1.596", "0.997", "2.81"]],
    "spans": [], "header_rows": 1, "footnote": None,
    "style": ["hlines", "onecol", "decimal", "dcolumn", "neg", "units", "ligature", "caption_below", "tab_abbrev"]}

P3_T2 = {
    "label": "Table 2", "label_text": "Tab. 2", "caption": "Decay measurements of all calibration runs.",
    "grid": [["Run", "Isotope", "T (K)", "Half-life (s)", "Shift (ppm)", "Activity (Bq)"]] + _long_rows(),
    "spans": [], "header_rows": 1, "footnote": None,
    "style": ["booktabs", "onecol", "longtable", "continued", "decimal", "siunitx", "neg", "pm", "sci_notation",
           "superscript", "units", "caption_above", "tab_abbrev"]}

_LONG_HEAD = rows(P3_T2["grid"], [], 0, 1, s_cols=frozenset({2, 3, 4, 5}))

P3_TEX = r"""\documentclass[10pt]{article}
\usepackage[T1]{fontenc}
\usepackage{mathptmx}
\usepackage[margin=2.2cm]{geometry}
\usepackage{amsmath,booktabs,longtable,dcolumn,textcomp}
\usepackage{siunitx}
\sisetup{uncertainty-mode=separate}
\usepackage[labelsep=colon,font=small]{caption}
\captionsetup[table]{name=Tab.}
\usepackage{fancyhdr}
\pagestyle{fancy}\fancyhf{}
\fancyhead[L]{\small Nucl. Instrum. Tables 7 (2026)}\fancyhead[R]{\small\thepage}
\newcolumntype{d}[1]{D{.}{.}{#1}}
\title{Efficiency Calibration of a Germanium Detector\\with Long Series of Decay Measurements}
\author{E. Longtable}
\date{}
\begin{document}
\maketitle
\thispagestyle{fancy}
\begin{abstract}
We calibrate a germanium detector with nine standard sources and report all 96 runs. The efficiencies
are summarised in Tab.~1 and the individual runs in Tab.~2, which continues over several pages.
\end{abstract}

\section{Calibration}
""" + para("calib") + r"""
The efficiency curve is fitted with the usual logarithmic polynomial
\begin{equation}
\ln \varepsilon(E) = \sum_{k=0}^{4} a_k \left(\ln \frac{E}{E_0}\right)^k ,
\end{equation}
with $E_0 = 1$~keV. The fitted efficiencies at the calibration energies are listed in Table~1 below.

\begin{table}[h]
\centering
\begin{tabular}{d{4.1}d{2.3}d{1.3}d{1.2}}
\hline
""" + rows(P3_T1["grid"], [], 0, 1, d_cols=frozenset({0, 1, 2, 3}), rules={0: r"\hline"}) + "\n" \
    + rows(P3_T1["grid"], [], 1, d_cols=frozenset({0, 1, 2, 3})) + r"""
\hline
\end{tabular}
\caption{""" + P3_T1["caption"] + r"""}
\end{table}

\section{Runs}
Every run lasted one hour. The measured half-lives span five orders of magnitude because short-lived
daughter products dominate the early part of some runs; the activity is given with its one-sigma
uncertainty. Tab.~2 lists all runs in the order they were taken.

\begin{longtable}{rlSSSS[table-format=2.1(2)]}
\caption{""" + P3_T2["caption"] + r"""}\label{tab:runs}\\
\toprule
""" + _LONG_HEAD + r"""
\midrule
\endfirsthead
\multicolumn{6}{l}{\small\textbf{Tab.~\thetable} (continued)}\\
\toprule
""" + _LONG_HEAD + r"""
\midrule
\endhead
\midrule
\multicolumn{6}{r}{\small continued on next page}\\
\endfoot
\bottomrule
\endlastfoot
""" + rows(P3_T2["grid"], [], 1, s_cols=frozenset({2, 3, 4, 5})) + r"""
\end{longtable}

\section{Discussion}
""" + para("method") + r"""
The efficiencies of Table 1 agree with the manufacturer's values within two per cent, and none of the runs
in Tab.~2 deviates from the fitted decay curve by more than three standard deviations.

\begin{thebibliography}{9}\small
\bibitem{k} G. F. Knoll, Radiation Detection and Measurement, 4th ed., Wiley, 2010.
\bibitem{d} D. Debertin, R. G. Helmer, Gamma- and X-ray Spectrometry with Semiconductor Detectors,
North-Holland, 1988.
\bibitem{t} Table of Radionuclides, Monographie BIPM-5, vol. 1--8, 2004--2016.
\end{thebibliography}
\end{document}
"""

# ------------------------------------------------------------------------------------------- paper 4
# article, two columns, Helvetica body: an unruled siunitx table with its caption below ("Table 1."), a
# table* spanning both columns with \hline/\cline rules, a header label spanning two header rows
# (\multirow), scientific notation and threeparttable notes, and a booktabs table with header cells on
# two lines (\makecell), a wrapped text column, chemical formulas and empty / "–" cells.

P4_T1 = {
    "label": "Table 1", "label_text": "Table 1", "caption": "Shift of the resonance for each sample and field.",
    "grid": [["Sample", "0.5 T", "1.0 T", "2.0 T"],
          ["S1", "−0.82", "−1.64", "−3.31"],
          ["S2", "0.17", "0.35", "0.69"],
          ["S3", "−12.40", "−24.75", "−49.62"],
          ["S4", "3.05", "6.12", "12.18"],
          ["S5", "−0.06", "−0.11", "−0.23"]],
    "spans": [], "header_rows": 1, "footnote": None,
    "style": ["norules", "twocol", "decimal", "siunitx", "neg", "caption_below", "caption_period"]}

P4_T2 = {
    "label": "Table 2", "label_text": "Table 2",
    "caption": "Rate constants and conversion with and without the catalyst at three temperatures.",
    "grid": [["Sample", "Without catalyst", None, None, "With catalyst", None, None],
          [None, "k (s⁻¹)", "X (%)", "τ (h)", "k (s⁻¹)", "X (%)", "τ (h)"],
          ["Batch Aᵃ", "2.1 × 10⁻⁵", "12.4", "13.2", "4.8 × 10⁻³", "88.1", "0.06"],
          ["Batch B", "3.7 × 10⁻⁵", "18.9", "7.5", "6.2 × 10⁻³", "91.7", "0.04"],
          ["Batch C", "9.4 × 10⁻⁶", "5.1", "29.6", "1.3 × 10⁻³", "64.0", "0.21"],
          ["Batch Dᵇ", "1.2 × 10⁻⁴", "41.3", "2.3", "2.9 × 10⁻²", "99.2", "0.01"]],
    "spans": [[0, 0, 2, 1], [0, 1, 1, 3], [0, 4, 1, 3]], "header_rows": 2,
    "footnote": "ᵃ Fresh precursor. ᵇ Precursor stored for six months.",
    "style": ["hlines", "spanning", "twocol", "grouped_header", "multirow_header", "sci_notation", "superscript",
           "footnote", "threeparttable", "units", "caption_above", "caption_period"]}

P4_T3 = {
    "label": "Table 3", "label_text": "Table 3", "caption": "Precursors, their treatment and the resulting films.",
    "grid": [["Precursor", "Treatment", "Yield (%)", "Grain size (nm)"],
          ["TiCl₄", "hydrolysis in water, then calcination in air", "92.5", "18"],
          ["Ti(OiPr)₄", "sol–gel route with acetylacetone", "87.1", ""],
          ["ZrOCl₂", "hydrothermal, 12 h", "–", "35"],
          ["Zr(OBu)₄", "sol–gel route, dried at 80 °C", "79.8", "22"],
          ["SnCl₄", "", "95.0", "9"]],
    "spans": [], "header_rows": 1, "footnote": None,
    "style": ["booktabs", "twocol", "wrapped_cells", "makecell", "subscript", "empty_cells", "units",
           "caption_above", "caption_period"]}

P4_TEX = r"""\documentclass[10pt,twocolumn]{article}
\usepackage[T1]{fontenc}
\usepackage{helvet}
\renewcommand{\familydefault}{\sfdefault}
\usepackage[margin=1.8cm]{geometry}
\usepackage{amsmath,booktabs,multirow,makecell,threeparttable,textcomp,array}
\usepackage{siunitx}
\usepackage[labelsep=period,font=small,labelfont=bf]{caption}
\usepackage{fancyhdr}
\pagestyle{fancy}\fancyhf{}
\fancyhead[L]{\small Short Communication}\fancyhead[R]{\small Catal. Lett. Tables}
\fancyfoot[R]{\small\thepage}
\title{Catalytic Conversion in Oxide Precursors Prepared by Three Routes}
\author{F. Sans and G. Serif}
\date{}
\begin{document}
\maketitle
\thispagestyle{fancy}
\section{Introduction}
""" + para("film", "calib") + r"""
The resonance shifts listed in Table 1 scale linearly with the applied field, as expected from
\begin{align}
\Delta\nu &= \gamma B_0 (1 - \sigma), \\
\sigma &= \sigma_{\mathrm{dia}} + \sigma_{\mathrm{para}} .
\end{align}

\begin{table}[h]
\centering
\begin{tabular}{lSSS}
""" + rows(P4_T1["grid"], [], s_cols=frozenset({1, 2, 3})) + r"""
\end{tabular}
\caption{""" + P4_T1["caption"] + r"""}
\end{table}

""" + para("filler") + r"""
\begin{table*}[t]
\centering
\caption{""" + P4_T2["caption"] + r"""}
\begin{threeparttable}
\begin{tabular}{lcccccc}
\hline
""" + rows(P4_T2["grid"], P4_T2["spans"], 0, 1, rules={0: r"\cline{2-4}\cline{5-7}"}) + "\n" \
    + rows(P4_T2["grid"], P4_T2["spans"], 1, 2, rules={1: r"\hline"}) + "\n" \
    + rows(P4_T2["grid"], [], 2, raw={(2, 0): r"Batch A\tnote{a}", (5, 0): r"Batch D\tnote{b}"}) + r"""
\hline
\end{tabular}
\begin{tablenotes}\footnotesize
\item[a] Fresh precursor.
\item[b] Precursor stored for six months.
\end{tablenotes}
\end{threeparttable}
\end{table*}

\section{Results}
""" + para("method") + r"""
Table 2 compares the rate constants: the catalyst raises $k$ by two to three orders of magnitude in
every batch, so that the time constant $\tau = 1/k$ falls from hours to minutes.

\begin{table}[h]
\centering
\caption{""" + P4_T3["caption"] + r"""}
\begin{tabular}{l>{\raggedright\arraybackslash}p{3.1cm}rr}
\toprule
""" + rows(P4_T3["grid"], [], 0, 1, rules={0: r"\midrule"},
           raw={(0, 2): r"\makecell{Yield\\(\%)}", (0, 3): r"\makecell{Grain\\size (nm)}"}) + "\n" \
    + rows(P4_T3["grid"], [], 1) + r"""
\bottomrule
\end{tabular}
\end{table}

""" + para("filler") + r"""
\section{Discussion}
The precursors of Table 3 differ mainly in how fast they hydrolyse. """ + para("calib", "film", "method") + r"""
\section{Conclusion}
The sol--gel route gives the smallest grains, while hydrolysis of the chloride gives the highest yield; the
catalyst accelerates the conversion of every batch.

\begin{thebibliography}{9}\small
\bibitem{1} M. Aldrich, Precursor chemistry of titania, Chem. Mater. 12 (2000) 100--110.
\bibitem{2} R. Brinker, G. Scherer, Sol-Gel Science, Academic Press, 1990.
\bibitem{3} K. Sing, Reporting physisorption data, Pure Appl. Chem. 57 (1985) 603--619.
\end{thebibliography}
\end{document}
"""

# ------------------------------------------------------------------------------------------- paper 5
# article, one column, Charter, captions below ("Table 1:"): a fully ruled grid with \multirow class labels,
# header labels spanning two rows and \cline partial rules; two small tables side by side in minipages (one
# unruled, one booktabs), and things that look like grids but are not tables: a matrix display, an
# algorithm listing, a tabbing block and a numbered list.

P5_T1 = {
    "label": "Table 1", "label_text": "Table 1", "caption": "Mechanical and thermal properties of the materials tested.",
    "grid": [["Class", "Material", "Mechanical", None, "Thermal", None],
          [None, None, "E (GPa)", "ν", "k (W m⁻¹ K⁻¹)", "α (10⁻⁶ K⁻¹)"],
          ["Metals", "Aluminium", "70", "0.33", "237", "23.1"],
          [None, "Copper", "117", "0.34", "401", "16.5"],
          [None, "Titanium", "116", "0.32", "21.9", "8.6"],
          ["Ceramics", "Alumina", "370", "0.22", "30", "8.1"],
          [None, "Silicon carbide", "410", "0.14", "120", "4.0"],
          ["Polymers", "PEEK", "3.6", "0.40", "0.25", "47"]],
    "spans": [[0, 0, 2, 1], [0, 1, 2, 1], [0, 2, 1, 2], [0, 4, 1, 2], [2, 0, 3, 1], [5, 0, 2, 1]], "header_rows": 2,
    "footnote": None,
    "style": ["ruled", "onecol", "grouped_header", "multirow", "multirow_header", "units", "superscript",
           "caption_below"]}

P5_T2 = {
    "label": "Table 2", "label_text": "Table 2", "caption": "Sieve analysis of the powder.",
    "grid": [["Mesh", "Opening (μm)", "Retained (%)"],
          ["60", "250", "2.4"],
          ["100", "150", "18.7"],
          ["140", "106", "41.2"],
          ["200", "75", "27.9"],
          ["Pan", "–", "9.8"]],
    "spans": [], "header_rows": 1, "footnote": None,
    "style": ["norules", "onecol", "side_by_side", "units", "caption_below"]}

P5_T3 = {
    "label": "Table 3", "label_text": "Table 3", "caption": "Sintering schedule.",
    "grid": [["Step", "Duration (min)", "T (°C)"],
          ["Binder burn-out", "120", "450"],
          ["Ramp", "85", "450–1300"],
          ["Dwell", "240", "1300"],
          ["Cooling", "300", "1300–25"]],
    "spans": [], "header_rows": 1, "footnote": None,
    "style": ["booktabs", "onecol", "side_by_side", "units", "caption_below"]}

P5_TEX = r"""\documentclass[11pt]{article}
\usepackage[T1]{fontenc}
\usepackage{charter}
\usepackage[margin=2.4cm]{geometry}
\usepackage{amsmath,booktabs,multirow,textcomp}
\usepackage{algorithm,algorithmic}
\usepackage{fancyhdr}
\pagestyle{fancy}\fancyhf{}
\fancyhead[L]{\small Materials Report MR-2026-04}\fancyfoot[C]{\small Page \thepage}
\title{Property Survey of Structural Materials\\for a Lightweight Test Rig}
\author{H. Grid}
\date{March 2026}
\begin{document}
\maketitle
\thispagestyle{fancy}
\section{Scope}
This report collects the properties of the candidate materials (Table 1), the particle size of the ceramic
powder (Table 2) and its sintering schedule (Table 3). The stiffness matrix of the chosen laminate is
\begin{equation}
\mathbf{C} = \begin{pmatrix}
 134.2 & 5.1 & 0.0 \\
 5.1 & 10.3 & 0.0 \\
 0.0 & 0.0 & 5.5
\end{pmatrix}\ \text{GPa},
\end{equation}
and the thermal strain follows $\varepsilon = \alpha\,\Delta T$.

""" + para("calib") + r"""
\begin{table}[h]
\centering
\begin{tabular}{|l|l|c|c|c|c|}
\hline
""" + rows(P5_T1["grid"], P5_T1["spans"], 0, 1, rules={0: r"\cline{3-6}"}) + "\n" \
    + rows(P5_T1["grid"], P5_T1["spans"], 1, rules={1: r"\hline", 2: r"\cline{2-6}", 3: r"\cline{2-6}",
                                                          4: r"\hline", 5: r"\cline{2-6}", 6: r"\hline", 7: r"\hline"}) + r"""
\end{tabular}
\caption{""" + P5_T1["caption"] + r"""}
\end{table}

\section{Powder}
""" + para("filler") + r"""
\begin{table}[h]
\begin{minipage}[t]{0.45\textwidth}
\centering
\begin{tabular}{lrr}
""" + rows(P5_T2["grid"], []) + r"""
\end{tabular}
\caption{""" + P5_T2["caption"] + r"""}
\end{minipage}\hfill
\begin{minipage}[t]{0.5\textwidth}
\centering
\begin{tabular}{lrr}
\toprule
""" + rows(P5_T3["grid"], [], 0, 1, rules={0: r"\midrule"}) + "\n" + rows(P5_T3["grid"], [], 1) + r"""
\bottomrule
\end{tabular}
\caption{""" + P5_T3["caption"] + r"""}
\end{minipage}
\end{table}

The sieve fractions of Table 2 add up to 100\%; the sintering schedule in Table 3 was run in air.
The furnace controller was set up as follows:

\begin{tabbing}
\hspace*{0.8cm}\=Controller:\hspace*{1.6cm}\=Eurotherm 3216\\
\>Thermocouple:\>type S, calibrated 2025\\
\>Atmosphere:\>static air, 1 bar
\end{tabbing}

\section{Procedure}
The density of every sintered part was measured by the following procedure.
\begin{enumerate}
\item Weigh the dry part in air, $m_1$ in g.
\item Weigh it immersed in water at 20~\textdegree C, $m_2$ in g.
\item Compute the density $\rho = m_1 \rho_w / (m_1 - m_2)$.
\end{enumerate}
Parts whose density falls below the target are re-sintered, as in Algorithm~1.

\begin{algorithm}[h]
\caption{Re-sintering loop}
\begin{algorithmic}[1]
\STATE $i \leftarrow 0$
\WHILE{$\rho < 0.97\,\rho_{\mathrm{th}}$ \AND $i < 3$}
\STATE sinter for 60 min at 1350 \textdegree C
\STATE measure $\rho$; $i \leftarrow i + 1$
\ENDWHILE
\RETURN $\rho$
\end{algorithmic}
\end{algorithm}

""" + para("film") + r"""
\begin{thebibliography}{9}
\bibitem{1} M. F. Ashby, Materials Selection in Mechanical Design, 5th ed., Butterworth-Heinemann, 2016.
\bibitem{2} R. M. German, Sintering: from Empirical Observations to Scientific Principles, Elsevier, 2014.
\bibitem{3} ASTM B962, Standard Test Methods for Density of Compacted or Sintered Powder Metallurgy Products
Using Archimedes' Principle, 2017.
\end{thebibliography}
\end{document}
"""

# ------------------------------------------------------------------------------------------- paper 6
# article, two columns, Palatino: a booktabs table in the right-hand column with bold best values and a
# "Note:" line under it, a table* shrunk with \resizebox whose group labels are rotated \multirow cells,
# and a table of wrapped, hyphenated text cells with ligatures (fi, ffi, ff).

P6_T1 = {
    "label": "Table 1", "label_text": "Table 1", "caption": "Error of the four estimators on held-out sites.",
    "grid": [["Estimator", "MAE (mm)", "RMSE (mm)", "Bias (mm)"],
          ["Persistence", "4.82", "7.31", "−0.12"],
          ["Linear", "3.95", "6.02", "0.48"],
          ["Kriging", "3.11", "4.87", "−0.33"],
          ["Ours", "2.64", "4.15", "0.05"]],
    "spans": [], "header_rows": 1, "footnote": "Note: Best values in bold.",
    "style": ["booktabs", "twocol", "right_column", "bold_best", "footnote", "neg", "units", "caption_above"]}

P6_T2 = {
    "label": "Table 2", "label_text": "Table 2",
    "caption": "Accuracy (%) of every backbone on the six benchmark tasks, grouped by modality.",
    "grid": [["", "Backbone", "Params (M)", "Task 1", "Task 2", "Task 3", "Task 4", "Task 5", "Task 6", "Mean"],
          ["Vision", "ResNet-50", "25.6", "76.1", "71.3", "68.9", "80.2", "59.4", "73.8", "71.6"],
          [None, "ViT-B/16", "86.6", "81.8", "75.0", "72.4", "84.9", "63.1", "77.5", "75.8"],
          [None, "ConvNeXt-T", "28.6", "82.1", "75.6", "73.0", "85.3", "62.7", "78.2", "76.2"],
          ["Text", "BERT-base", "110.0", "84.6", "79.2", "70.3", "–", "66.8", "80.1", "76.2"],
          [None, "RoBERTa-base", "125.0", "86.4", "81.0", "72.9", "–", "69.5", "82.6", "78.5"]],
    "spans": [[1, 0, 3, 1], [4, 0, 2, 1]], "header_rows": 1, "footnote": None,
    "style": ["booktabs", "spanning", "twocol", "resized", "rotated_label", "multirow", "bold_best", "units",
           "caption_above"]}

P6_T3 = {
    "label": "Table 3", "label_text": "Table 3", "caption": "Characterisation methods and what they measure.",
    "grid": [["Method", "Quantity", "Resolution"],
          ["EBSD", "crystallographic orientation of individual grains", "50 nm"],
          ["XRD", "phase fractions and lattice coefficients", "0.01°"],
          ["Nanoindentation", "hardness and elastic modulus of thin surface layers", "100 nm"],
          ["Dilatometry", "coefficient of thermal expansion", "0.1 μm"]],
    "spans": [], "header_rows": 1, "footnote": None,
    "style": ["booktabs", "twocol", "wrapped_cells", "hyphenation", "ligature", "units", "caption_above"]}

_BOLD = {(4, c) for c in (1, 2)} | {(4, 3)}
P6_TEX = r"""\documentclass[10pt,twocolumn]{article}
\usepackage[T1]{fontenc}
\usepackage{mathpazo}
\usepackage[margin=1.9cm]{geometry}
\usepackage{amsmath,booktabs,multirow,graphicx,textcomp,array}
\usepackage[labelsep=colon,font=small,labelfont=bf]{caption}
\usepackage{fancyhdr}
\pagestyle{fancy}\fancyhf{}
\fancyhead[C]{\small Proceedings of the Workshop on Spatial Learning, 2026}
\fancyfoot[C]{\small\thepage}
\title{Estimating Rainfall at Unobserved Sites\\with Pretrained Backbones}
\author{I. Palatino \and J. Mathpazo}
\date{}
\begin{document}
\maketitle
\thispagestyle{fancy}
\section{Introduction}
""" + para("method", "filler", "calib") + r"""
\section{Estimators}
""" + para("film") + r"""
We compare four estimators of daily rainfall; their errors on the held-out sites are given in Table 1,
where negative bias means underestimation.

\begin{table}[h]
\centering
\caption{""" + P6_T1["caption"] + r"""}
\begin{tabular}{lrrr}
\toprule
""" + rows(P6_T1["grid"], [], 0, 1, rules={0: r"\midrule"}) + "\n" \
    + rows(P6_T1["grid"], [], 1, raw={(4, c): r"\textbf{%s}" % P6_T1["grid"][4][c] for c in (1, 2, 3)}) + r"""
\bottomrule
\end{tabular}

\smallskip
\footnotesize Note: Best values in bold.
\end{table}

\begin{table*}[t]
\centering
\caption{""" + P6_T2["caption"].replace("%", r"\%") + r"""}
\resizebox{\textwidth}{!}{%
\begin{tabular}{cl""" + "r" * 8 + r"""}
\toprule
""" + rows(P6_T2["grid"], [], 0, 1, rules={0: r"\midrule"}) + "\n" \
    + rows(P6_T2["grid"], P6_T2["spans"], 1, rules={3: r"\midrule"},
           raw={(1, 0): r"\rotatebox[origin=c]{90}{Vision}", (4, 0): r"\rotatebox[origin=c]{90}{Text}",
                (3, 9): r"\textbf{76.2}", (5, 9): r"\textbf{78.5}"}) + r"""
\bottomrule
\end{tabular}}
\end{table*}

\section{Backbones}
""" + para("calib") + r"""
Table 2 shows that the text backbones are as accurate as the vision backbones on average, although they
cannot be applied to task 4. The characterisation methods used to describe the sites are listed in
Table 3.

\begin{table}[h]
\centering
\caption{""" + P6_T3["caption"] + r"""}
\begin{tabular}{l>{\hspace{0pt}}p{2.5cm}r}
\toprule
""" + rows(P6_T3["grid"], [], 0, 1, rules={0: r"\midrule"}) + "\n" + rows(P6_T3["grid"], [], 1) + r"""
\bottomrule
\end{tabular}
\end{table}

""" + para("filler", "film") + r"""
\section{Discussion}
""" + para("method", "calib", "filler") + r"""
\section{Conclusion}
Pretrained backbones estimate rainfall at unobserved sites better than kriging, and a small amount of
fine-tuning suffices.

\begin{thebibliography}{9}\small
\bibitem{1} N. Cressie, Statistics for Spatial Data, Wiley, 1993.
\bibitem{2} K. He, X. Zhang, S. Ren, J. Sun, Deep residual learning for image recognition, in: CVPR, 2016.
\bibitem{3} A. Dosovitskiy et al., An image is worth 16x16 words, in: ICLR, 2021.
\end{thebibliography}
\end{document}
"""

PAPERS = {
    "tables_ieee_twocol": {"tex": P1_TEX, "two_column": True, "tables": [P1_T1, P1_T2, P1_T3]},
    "tables_rotated": {"tex": P2_TEX, "two_column": False, "tables": [P2_T1, P2_T2, P2_T3]},
    "tables_longtable": {"tex": P3_TEX, "two_column": False, "tables": [P3_T1, P3_T2]},
    "tables_twocol_sans": {"tex": P4_TEX, "two_column": True, "tables": [P4_T1, P4_T2, P4_T3]},
    "tables_ruled_report": {"tex": P5_TEX, "two_column": False, "tables": [P5_T1, P5_T2, P5_T3]},
    "tables_twocol_extras": {"tex": P6_TEX, "two_column": True, "tables": [P6_T1, P6_T2, P6_T3]},
}
