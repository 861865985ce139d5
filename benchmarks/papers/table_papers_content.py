"""The table papers' text and tables: each table's grid is its truth, its LaTeX rows are rendered from it.

A table is a dict: label, label_text (as printed), caption (as printed, without the label), grid (rows of
cell text as a reader sees it; a spanning cell's text in its top-left slot, covered slots None, empty
cells ""), spans ([row, col, row_span, col_span]), header_rows, footnote, style tags, pages.
"""
from __future__ import annotations

from tables_tex import rows, tex

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

P1_T1 = dict(
    label="Table 1", label_text="TABLE I", caption="Calibration constants of the readout channels",
    grid=[["Channel", "Gain (mV fC⁻¹)", "Offset (mV)", "Drift (%)"],
          ["A1", "12.4 ± 0.3", "−3.21", "0.8"],
          ["A2", "11.9 ± 0.2", "−0.47", "1.1"],
          ["A3", "12.8 ± 0.4", "2.05", "−0.3"],
          ["B1", "10.7 ± 0.3", "−12.60", "2.4"],
          ["B2", "11.2 ± 0.5", "0.93", "−1.7"],
          ["B3", "13.1 ± 0.2", "−7.07", "0.2"]],
    spans=[], header_rows=1, footnote=None,
    style=["booktabs", "twocol", "pm", "neg", "units", "caption_above", "ieee_caption", "superscript"])

P1_T2 = dict(
    label="Table 2", label_text="TABLE II",
    caption="Precision, recall and F1 of all models on both datasets, without and with fine-tuning",
    grid=[["", "", "Dataset A", None, None, "Dataset B", None, None],
          ["Model", "Setting", "Prec. (%)", "Rec. (%)", "F1", "Prec. (%)", "Rec. (%)", "F1"],
          ["CNN", "zero-shot", "71.2", "65.4", "0.682", "68.9", "60.1", "0.642"],
          [None, "fine-tuned", "84.5", "80.2", "0.823", "79.3", "77.8", "0.785"],
          ["Transformer", "zero-shot", "76.8", "70.9", "0.737", "", "", ""],
          [None, "fine-tuned", "88.1", "85.7", "0.869", "83.4", "81.0", "0.822"],
          ["Hybrid (ours)", "zero-shot", "78.3", "74.6", "0.764", "72.5", "69.9", "0.712"],
          [None, "fine-tuned", "90.4", "88.2", "0.893", "86.7", "84.1", "0.854"]],
    spans=[[0, 2, 1, 3], [0, 5, 1, 3], [2, 0, 2, 1], [4, 0, 2, 1], [6, 0, 2, 1]], header_rows=2, footnote=None,
    style=["booktabs", "spanning", "twocol", "grouped_header", "multirow", "empty_cells", "units",
                      "caption_above", "ieee_caption"])

P1_T3 = dict(
    label="Table 3", label_text="TABLE III", caption="Properties of the films after annealing",
    grid=[["Sample", "Thickness (nm)", "R (Ω/sq)", "Mobility (cm² V⁻¹ s⁻¹)"],
          ["F-05", "5.2", "412.0", "3.1"],
          ["F-10", "10.4", "198.5", "7.9"],
          ["F-20", "19.8", "87.3", "15.2"],
          ["F-40", "41.1", "36.9", "22.6"],
          ["F-80", "79.5", "17.4", "28.0"]],
    spans=[], header_rows=1, footnote=None,
    style=["ruled", "twocol", "units", "caption_above", "ieee_caption", "superscript"])

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

P2_T1 = dict(
    label="Table 1", label_text="Table 1", caption="Thermochemical data of the oxides studied.",
    grid=[["Compound", "Melting point (K)", "Density (g cm⁻³)", "Band gap (eV)", "ΔH (kJ mol⁻¹)"],
          ["TiO₂", "2116", "4.23", "3.20", "−944.0"],
          ["ZrO₂", "2988", "5.68", "5.00", "−1100.6"],
          ["Al₂O₃", "2345", "3.95", "8.80", "−1675.7"],
          ["In₂O₃", "2183", "7.18", "2.90", "−925.8"],
          ["SnO₂", "1903", "6.95", "3.60", "−577.6"]],
    spans=[], header_rows=1, footnote=None,
    style=["booktabs", "onecol", "rotated_header", "neg", "units", "subscript", "caption_above"])

P2_T2 = dict(
    label="Table 2", label_text="Table 2",
    caption="Monthly mean values at the two stations over the measurement year.",
    grid=[["", "Station North", None, None, None, "Station South", None, None, None],
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
    spans=[[0, 1, 1, 4], [0, 5, 1, 4]], header_rows=2, footnote=None,
    style=["booktabs", "rotated", "sidewaystable", "grouped_header", "neg", "units", "caption_above"])

P2_T3 = dict(
    label="Table 3", label_text="Table 3",
    caption="Fit parameters of the kinetic model for each catalyst.",
    grid=[["Catalyst", "Loading (wt%)", "Eₐ (kJ mol⁻¹)", "ln A", "k₃₀₀ (s⁻¹)", "Yield (%)", "Selectivity (%)"],
          ["Pt/Al₂O₃ᵃ", "1.0", "62.4 ± 1.8", "21.3", "3.2 × 10⁻⁴", "78.5", "91.2"],
          ["Pd/Al₂O₃", "1.0", "71.9 ± 2.4", "22.8", "1.1 × 10⁻⁵", "64.0", "88.7"],
          ["Rh/SiO₂", "0.5", "58.2 ± 1.1", "19.7", "8.9 × 10⁻⁴", "81.3", "79.4"],
          ["Ni/SiO₂ᵇ", "5.0", "84.6 ± 3.0", "24.1", "2.4 × 10⁻⁶", "42.7", "95.0"],
          ["Cu/ZnO", "10.0", "93.1 ± 4.2", "25.5", "6.0 × 10⁻⁷", "35.2", "97.3"]],
    spans=[], header_rows=1,
    footnote="ᵃ Reference catalyst. ᵇ Reduced in hydrogen at 773 K before use.",
    style=["booktabs", "rotated", "landscape", "pm", "sci_notation", "units", "subscript", "footnote",
           "threeparttable", "caption_below", "caption_period"])

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

PAPERS = {
    "tables_ieee_twocol": dict(tex=P1_TEX, two_column=True, tables=[P1_T1, P1_T2, P1_T3]),
    "tables_rotated": dict(tex=P2_TEX, two_column=False, tables=[P2_T1, P2_T2, P2_T3]),
}
