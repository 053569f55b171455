"""``glimpse verify``: claims checked against their sources with the brief's own gate."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import typer

from glimpse.cli.common import JSON_OPTION, config, emit, error_line, out
from glimpse.compose.verify import Embedder, Entailment, verify_record
from glimpse.errors import InputNotFound, LLMFailed, MalformedLine


def _lines(path: str) -> Iterator[tuple[int, str]]:
    if path == "-":
        yield from enumerate(sys.stdin, 1)
        return
    try:
        with Path(path).open(encoding="utf-8") as handle:
            yield from enumerate(handle, 1)
    except OSError as exc:
        error_line(path, f"cannot read: {exc.strerror or exc}", InputNotFound.code)
        raise typer.Exit(1) from exc


def verify(
    file: str = typer.Argument(..., help="JSON Lines of {id, sources|source, claim}; - for stdin."),
    as_json: bool = JSON_OPTION,
    similarity: bool = typer.Option(
        True,
        "--similarity/--no-similarity",
        help="Also use MiniLM: sentence similarity and word-piece alignment (slower).",
    ),
    judge: bool = typer.Option(
        False,
        "--judge",
        help="Also ask the [llm] endpoint whether the sources entail each claim that passed "
        "(check `entailment`); one call per such claim.",
    ),
) -> None:
    """Check each claim against its sources with the brief's gate; writes nothing.

    Each output line is {"id", "supported", "score", "failed"}.
    Example: glimpse verify claims.jsonl --json
    """
    embedder: Embedder | None = None
    if similarity:
        from glimpse.enrich.embed import default_embedder

        embedder = default_embedder()
    entailment: Entailment | None = None
    if judge:
        from glimpse.compose.judge import Judge
        from glimpse.compose.llm_client import http_chat

        options = config().options("llm")
        model = options.judge_model or options.model
        entailment = Judge(http_chat(replace(options, model=model)))
    done = bad = 0
    for number, line in _lines(file):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a line must be a JSON object")
            result = verify_record(record, embedder, entailment)
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            error_line(f"{file}:{number}", str(exc), MalformedLine.code)
            bad += 1
            continue
        done += 1
        if as_json:
            emit(result)
        else:
            verdict = "supported" if result["supported"] else "NOT supported"
            failed = ", ".join(map(str, result["failed"])) or "-"  # type: ignore[call-overload]
            out.print(f"{result['id']}\t{verdict}\t{result['score']}\t{failed}", markup=False)
    down = getattr(entailment, "down", None)
    if down is not None:  # the claims were still checked, without the judge
        error_line("--judge", f"the [llm] endpoint could not judge: {down}", LLMFailed.code)
    if bad and not done:
        raise typer.Exit(1)
