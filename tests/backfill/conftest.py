"""A Ray cluster for the backfill tests: ``ray start --head`` on 127.0.0.1, one per session.

It is started and stopped here (by its process group, never ``ray stop``, which would end
every Ray on the machine) with a small memory budget and no dashboard.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"ray start exited with {proc.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"Ray head did not listen on {port} in {seconds} s")


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[str]:
    """The address of a running two-CPU Ray head on 127.0.0.1."""
    port = free_port()
    # a short folder: Ray's socket paths must stay under the 107-byte limit
    temp = tempfile.mkdtemp(prefix="rt", dir="/tmp")
    ray = Path(sys.executable).with_name("ray")
    command = [
        str(ray), "start", "--head", "--block", "--port", str(port),
        "--node-ip-address", "127.0.0.1", "--num-cpus", "2",
        "--object-store-memory", "100000000", "--include-dashboard=false",
        "--disable-usage-stats", "--temp-dir", temp,
    ]  # fmt: skip
    env = os.environ | {"RAY_USAGE_STATS_ENABLED": "0"}
    log = Path(temp) / "start.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    try:
        _wait_for_port(port, proc, 60)
        yield f"127.0.0.1:{port}"
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass
