"""Fitted weights of the gate's learned ``consistency`` verdict (do not edit by hand).

Written by `.venv/bin/python -m bench.grounding --refit` (bench/_gate.py, `fit_model`):
a logistic regression (scikit-learn, L2 with C=0.1, balanced classes) on standardised
alignment measures of all 819 SummEdits news pairs (`Verdict.features`: "structural"
without MiniLM, "minilm" with its token alignment), refitted without any measure whose
weight came out with the wrong sign; `threshold` maximises balanced accuracy there, in
sample, together with the four hard checks. Out-of-fold figures: BENCHMARKS.md, grounding.
"""

from glimpse.compose.consistency import Model

MODELS: dict[str, Model] = {
    "structural": Model(
        features=(
            "chk_names",
            "chk_numbers",
            "chk_negation",
            "chk_quotes",
            "names",
        ),
        mean=(
            0.15873,
            0.045177,
            0.144078,
            0.0757021,
            0.172161,
        ),
        scale=(
            0.365424,
            0.207692,
            0.351169,
            0.264521,
            0.414519,
        ),
        coef=(
            -0.52873,
            -0.641054,
            -0.252532,
            -0.15439,
            -0.343886,
        ),
        intercept=-0.174962,
        threshold=0.425,
    ),
    "minilm": Model(
        features=(
            "chk_names",
            "chk_numbers",
            "chk_negation",
            "chk_quotes",
            "names",
            "hedges",
            "tok_gap",
        ),
        mean=(
            0.15873,
            0.045177,
            0.144078,
            0.0757021,
            0.172161,
            0.0586081,
            0.439943,
        ),
        scale=(
            0.365424,
            0.207692,
            0.351169,
            0.264521,
            0.414519,
            0.23489,
            0.106838,
        ),
        coef=(
            -0.534599,
            -0.654172,
            -0.252251,
            -0.153468,
            -0.334064,
            -0.0260363,
            -0.117603,
        ),
        intercept=-0.174289,
        threshold=0.4,
    ),
}
