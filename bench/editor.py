"""Briefs an editor would sign: furniture, references, repeats, cuts, quotes, headline, tags.

Run: ``.venv/bin/python -m bench.editor [--code DIR] [--before DIR] [--half tuning|held-out|both]
[--write]`` from the repository root. The multi-article events of giveme5w1h-news-cluster are
split once by event id (``bench._editor_run.split_events``) into a tuning half and a held-out
half; each code checkout (``--code``, default this repository, and ``--before``, default a
worktree of commit 27478ac made on first use) is run through the real CLI (``glimpse brief
--json`` and ``glimpse extract --json`` with ``PYTHONPATH`` set to it) and every brief is scored
by the detectors in ``bench._editor_checks``, ``bench._editor_story`` and ``bench._editor_cuts``,
which are written for this benchmark and import nothing from ``glimpse.compose``. Held-out
briefs are only ever summed, never printed. Per-brief results go to /tmp/editor-bench/.
``--write`` replaces the "editor" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path
from typing import Any

from bench import _editor_labels as labels
from bench._editor_run import WORK, Run, run_code, split_events
from bench._editor_score import TARGETS, score_brief, totals
from bench._editor_story import defective_tags
from bench._report import ROOT, machine, table, write_section

COMMAND = ".venv/bin/python -m bench.editor --write"
BEFORE_COMMIT = "27478ac"
BEFORE_DIR = Path("/tmp/glimpse-before")
Scores = dict[int, dict[str, Any]]


def ensure_before(path: Path) -> Path:
    """A detached worktree of the pre-issue commit, made once and never changed."""
    if not (path / "glimpse").is_dir():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), BEFORE_COMMIT],
            check=True,
        )
    return path


def score_run(run: Run) -> Scores:
    return {e: score_brief(b, run.articles) for e, b in sorted(run.briefs.items())}


def save(run: Run, scores: Scores, name: str) -> Path:
    path = WORK / f"results-{name}-{run.commit}.json"
    path.write_text(json.dumps({"code": str(run.code), "commit": run.commit, "briefs": scores}))
    return path


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


def half_table(columns: dict[str, dict[str, Any]], held_out: bool) -> str:
    """Metric rows, one column per code version; targets and verdicts on the held-out half."""
    first = next(iter(columns.values()))
    headers = ["figure", *columns]
    if held_out:
        headers += ["target", f"{list(columns)[-1]} meets it"]
    rows = []
    for key in first:
        row: list[object] = [key, *(_cell(c[key]) for c in columns.values())]
        if held_out:
            target = TARGETS.get(key)
            last = list(columns.values())[-1][key]
            row += [target[0], "yes" if target[1](last) else "**no**"] if target else ["", ""]
        rows.append(row)
    return table(headers, rows)


def per_brief_table(scores: Scores) -> str:
    """Tuning events only: the per-brief figures behind the totals."""
    rows: list[list[object]] = []
    for event, r in scores.items():
        s = r["sentences"]
        cuts = sum(any(k.startswith(("cut_", "broken")) for k in x) for x in s)
        rows.append([
            event, len(s), sum("furniture" in x for x in s), sum("unresolved" in x for x in s),
            len(r["repeated_pairs"]), cuts, r["words"], defective_tags(r["tag_defects"]),
            "yes" if r["headline_copied"] else "",
        ])  # fmt: skip
    heads = ["event", "sentences", "furniture", "unresolved", "repeats", "cuts", "words",
             "tag defects", "headline copied"]  # fmt: skip
    return table(heads, rows)


def _prf(tp: int, fp: int, fn: int) -> tuple[str, str]:
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
    return precision, recall


def _sentence_rows(scores: Scores) -> list[list[object]]:
    kinds = {"furniture": ("furniture",), "unresolved": ("unresolved",),
             "cut": ("cut_attribution", "cut_negation", "cut_hedge", "cut_in_quote",
                     "broken_pair")}  # fmt: skip
    rows: list[list[object]] = []
    for name, keys in kinds.items():
        tp = fp = fn = agree = total = 0
        for event in labels.EVENTS:
            for i, sentence in enumerate(scores[event]["sentences"]):
                prefix, mine = labels.SENTENCES.get((event, i), ("", frozenset()))
                if prefix and not sentence["text"].startswith(prefix):
                    raise AssertionError(f"stale label {event}:{i}: {prefix!r}")
                said, truth = any(k in sentence for k in keys), name in mine
                tp, fp, fn = (
                    tp + (said and truth),
                    fp + (said and not truth),
                    fn + (truth and not said),
                )
                agree, total = agree + (said == truth), total + 1
        rows.append(
            [name, "sentence", tp + fn, tp + fp, tp, *_prf(tp, fp, fn), f"{agree / total:.1%}"]
        )
    return rows


def _brief_rows(scores: Scores) -> list[list[object]]:
    rows: list[list[object]] = []
    tp = fp = fn = 0
    for event in labels.EVENTS:
        said = {tuple(p) for p in scores[event]["repeated_pairs"]}
        truth = set(labels.REPEATS[event])
        tp, fp, fn = tp + len(said & truth), fp + len(said - truth), fn + len(truth - said)
    rows.append(["repeated-fact pair", "pair", tp + fn, tp + fp, tp, *_prf(tp, fp, fn), ""])
    flags = {
        "key quote repeated": (lambda r: r["quote_repeated"], labels.QUOTE_REPEATED),
        "quote incomplete": (lambda r: "quote_incomplete" in r["quote"], labels.QUOTE_INCOMPLETE),
        "quote wrong speaker": (
            lambda r: "quote_wrong_speaker" in r["quote"], labels.QUOTE_WRONG_SPEAKER),
        "headline copied": (lambda r: r["headline_copied"], labels.HEADLINE_COPIED),
        "headline teaser": (lambda r: r["headline_teaser"], labels.HEADLINE_TEASER),
    }  # fmt: skip
    for name, (said_of, truth_set) in flags.items():
        said = {e for e in labels.EVENTS if said_of(scores[e])}
        truth = set(truth_set)
        agree = sum((e in said) == (e in truth) for e in labels.EVENTS) / len(labels.EVENTS)
        tp = len(said & truth)
        rows.append([name, "brief", len(truth), len(said), tp,
                     *_prf(tp, len(said - truth), len(truth - said)), f"{agree:.1%}"])  # fmt: skip
    ours = {e: defective_tags(scores[e]["tag_defects"]) for e in labels.EVENTS}
    near = sum(abs(ours[e] - labels.TAG_DEFECTS[e]) <= 1 for e in labels.EVENTS)
    rows.append(["defective tags", "tag", sum(labels.TAG_DEFECTS.values()), sum(ours.values()),
                 "", "", "", f"{near / len(labels.EVENTS):.1%} within ±1"])  # fmt: skip
    return rows


def validation_table(scores: Scores) -> str:
    """The detectors against the hand labels of the before code's tuning briefs."""
    heads = ["check", "unit", "by hand", "by detector", "both", "precision", "recall", "agreement"]
    return table(heads, _sentence_rows(scores) + _brief_rows(scores))


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.editor", description=__doc__.split("\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to score (the after)")
    parser.add_argument("--before", type=Path, default=BEFORE_DIR, help="checkout of 27478ac")
    parser.add_argument("--no-before", action="store_true", help="score --code only")
    parser.add_argument("--half", choices=["tuning", "held-out", "both"], default="both")
    parser.add_argument("--per-brief", action="store_true", help="print tuning briefs' figures")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md's section")
    return parser.parse_args()


def main() -> None:
    args = _args()
    halves = split_events()
    chosen = list(halves) if args.half == "both" else [args.half]
    if args.write and (len(chosen) < len(halves) or args.no_before):
        raise SystemExit("--write needs both halves and the before run")
    events = tuple(e for h in chosen for e in halves[h])
    codes = {} if args.no_before else {"before": ensure_before(args.before)}
    codes["after"] = args.code.resolve()
    runs: dict[str, Run] = {}
    scores: dict[str, Scores] = {}
    for name, code in codes.items():
        runs[name] = run_code(code, events)
        scores[name] = score_run(runs[name])
        print(f"{name}: {code} at {runs[name].commit} -> {save(runs[name], scores[name], name)}")
    columns = {f"{n} ({runs[n].commit})": n for n in codes}
    tables = {}
    for half in chosen:
        figures = {
            label: totals([scores[n][e] for e in halves[half] if e in scores[n]], len(halves[half]))
            for label, n in columns.items()
        }
        tables[half] = half_table(figures, held_out=half == "held-out")
        print(f"\n{half} half ({len(halves[half])} events)\n{tables[half]}")
    if args.per_brief and "tuning" in chosen:
        for name in codes:
            tuning = {e: scores[name][e] for e in halves["tuning"] if e in scores[name]}
            print(f"\n{name}, tuning briefs\n{per_brief_table(tuning)}")
    check = None
    labelled = "before" in runs and runs["before"].commit.startswith(labels.LABELLED_COMMIT)
    if labelled and "tuning" in chosen:
        check = validation_table(scores["before"])
        print(f"\nDetectors vs hand labels (before, tuning)\n{check}")
    if args.write:
        if check is None:
            raise SystemExit(f"--write needs the before run at commit {labels.LABELLED_COMMIT}")
        write_section("editor", _section(tables, check, runs))


def _section(tables: dict[str, str], check: str, runs: dict[str, Run]) -> str:
    from bench._editor_text import section

    return section(tables, check, {n: r.commit for n, r in runs.items()}, COMMAND, machine())


if __name__ == "__main__":
    main()
