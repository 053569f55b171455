"""The folder a site is published into: what it holds, whether glimpse may replace it, and how.

A published folder carries a manifest, ``.glimpse-site.json``, listing every file glimpse wrote
and the release that wrote it. ``publish`` replaces a folder only when every file in it is its own
(listed in the manifest, or - for a site of this release written before manifests - accounted for
by the site layout). Anything else is refused with :class:`~glimpse.errors.PublishRefused` unless
``force`` is given, and even then glimpse only writes its own files among the others and deletes
only files its previous manifest lists.

The swap is atomic: the new site is built in ``.<name>.site.XXXX`` beside the folder and then
exchanged with it in one ``renameat2(RENAME_EXCHANGE)``. Where the system has no exchange, the
old folder is renamed to ``.<name>.old.XXXX`` and the new one into place; :func:`recover` (run
first by every publish) restores the old folder after a crash between those two renames and
removes the temporaries of interrupted runs.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator, Set
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from glimpse import __version__
from glimpse.errors import PublishRefused
from glimpse.serialize import iso

MANIFEST = ".glimpse-site.json"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
_P = r"(?:\.p\d+)?"
_NAME = r"[^/]+"
#: Every file name the site layout has (see :mod:`glimpse.publish.site`); a folder whose files
#: all match, with an ``index.html`` and ``static/style.css``, is a site of this release.
_LAYOUT = re.compile(
    rf"(?:index{_P}\.html|stories{_P}\.json|feed\.atom|feed\.json|tags\.json|outlets\.json"
    rf"|search\.html|search-index\.json|search-index\.js|{re.escape(MANIFEST)}"
    rf"|tags\.html|outlets\.html|stories/{_NAME}/thread\.json"
    rf"|static/{_NAME}|stories/{_NAME}\.(?:html|json)"
    rf"|tags/{_NAME}{_P}\.(?:html|json)|tags/{_NAME}\.(?:atom|feed\.json)"
    rf"|outlets/{_NAME}{_P}\.(?:html|json)|sections/{_NAME}\.(?:html|json))"
)
_LAYOUT_DIRS = frozenset({"static", "stories", "tags", "outlets", "sections"})
#: Temporaries of an interrupted run: this release's ``.<name>.site.*`` / ``.<name>.old.*`` and
#: the ``.<name>.XXXXXXXX`` folders earlier releases built in.
_TEMP = re.compile(r"(?:site|old)\.[a-z0-9_]+|[a-z0-9_]{8}")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True, slots=True)
class Folder:
    """What ``path`` holds: ``own`` files glimpse wrote, ``foreign`` entries it did not."""

    path: Path
    exists: bool
    own: frozenset[str]
    foreign: tuple[str, ...]

    @property
    def replaceable(self) -> bool:
        return not self.foreign


def inspect(path: Path) -> Folder:
    """Sort the files under ``path`` into glimpse's own and the rest (symlinks are not followed)."""
    if not path.exists() and not path.is_symlink():
        return Folder(path, False, frozenset(), ())
    if not path.is_dir():
        return Folder(path, True, frozenset(), (path.name,))
    files, dirs = _walk(path)
    listed = read_manifest(path)
    if listed is not None:
        own = listed | {MANIFEST}
    elif _is_layout(files) and {"index.html", "static/style.css"} <= files:
        own = files
    else:
        own = frozenset()
    parents = {str(Path(f).parent) for f in own}
    strays = sorted(files - own, key=lambda f: (bool(_LAYOUT.fullmatch(f)), f))  # worst first
    foreign = strays + sorted(d for d in dirs if d not in parents | _LAYOUT_DIRS)
    return Folder(path, True, frozenset(own & files), tuple(foreign))


def _walk(root: Path) -> tuple[frozenset[str], frozenset[str]]:
    files: set[str] = set()
    dirs: set[str] = set()
    for here, subdirs, names in os.walk(root):
        rel = Path(here).relative_to(root)
        for d in subdirs:
            full = Path(here, d)
            (files if full.is_symlink() else dirs).add((rel / d).as_posix())
        files.update((rel / n).as_posix() for n in names)
    return frozenset(files), frozenset(dirs)


def _is_layout(files: frozenset[str]) -> bool:
    return all(_LAYOUT.fullmatch(f) for f in files)


def read_manifest(path: Path) -> frozenset[str] | None:
    """The files a manifest in ``path`` lists; None without a readable glimpse manifest."""
    try:
        doc = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = doc.get("files") if isinstance(doc, dict) else None
    if doc.get("generator") != "glimpse" or not isinstance(files, list):
        return None
    return frozenset(f for f in files if isinstance(f, str) and _safe_rel(f))


def _safe_rel(rel: str) -> bool:
    """A manifest entry glimpse could have written: relative, inside the folder."""
    parts = Path(rel).parts
    return bool(parts) and not Path(rel).is_absolute() and ".." not in parts


def manifest_bytes(files: Set[str]) -> bytes:
    doc = {
        "generator": "glimpse",
        "release": __version__,
        "published_at": iso(datetime.now(UTC).replace(microsecond=0)),
        "files": sorted(files - {MANIFEST}),
    }
    return json.dumps(doc, indent=1).encode("utf-8")


def check(folder: Folder, *, force: bool) -> None:
    """Refuse a folder that holds anything glimpse did not write, unless ``force``."""
    if folder.exists and not folder.path.is_dir():
        raise PublishRefused("is not a folder; publish to a folder", str(folder.path))
    if folder.replaceable or force:
        return
    shown = ", ".join(folder.foreign[:3]) + (", …" if len(folder.foreign) > 3 else "")
    raise PublishRefused(
        f"holds {len(folder.foreign)} file(s) glimpse did not write ({shown}); publish to another"
        " folder, or use --force to write the site among them (other files are left alone)",
        str(folder.path),
    )


@contextmanager
def locked(parent: Path) -> Iterator[None]:
    """One publish at a time per parent folder (an flock on the folder itself: no lock file)."""
    fd = os.open(parent, os.O_RDONLY)
    try:
        with suppress(OSError):  # a file system without flock: go on unlocked
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def temporaries(out: Path) -> list[Path]:
    """This folder's temporaries beside it, oldest first."""
    prefix = f".{out.name}."
    found = [
        p
        for p in out.parent.iterdir()
        if p.name.startswith(prefix)
        and _TEMP.fullmatch(p.name[len(prefix) :])
        and p.is_dir()
        and not p.is_symlink()
    ]
    return sorted(found, key=lambda p: p.stat().st_mtime)


def recover(out: Path) -> None:
    """Put back a site a crash left aside, then remove temporaries that are all glimpse's files."""
    temps = temporaries(out)
    olds = [p for p in temps if p.name.startswith(f".{out.name}.old.")]
    if olds and not out.exists() and not out.is_symlink():
        olds[-1].rename(out)
        temps.remove(olds[-1])
    for temp in temps:
        if inspect(temp).replaceable or _is_layout(_walk(temp)[0]):
            shutil.rmtree(temp, ignore_errors=True)


def build_dir(out: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.site.", dir=out.parent))


def swap(new: Path, out: Path) -> None:
    """Put the complete site ``new`` at ``out``; ``out``'s old site, if any, is removed."""
    new.chmod(0o755)
    if not out.exists():
        new.rename(out)
        return
    crash_point("swap:before")
    if exchange(new, out):
        crash_point("swap:exchanged")
        shutil.rmtree(new)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
    old.rmdir()
    out.rename(old)
    crash_point("swap:aside")
    new.rename(out)
    crash_point("swap:renamed")
    shutil.rmtree(old)


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2``); False where the system cannot.

    Hand-written with ctypes: the standard library has no ``renameat2`` and one C call does not
    justify a dependency.
    """
    if os.environ.get("GLIMPSE_PUBLISH_NO_EXCHANGE"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def install_among(new: Path, folder: Folder) -> None:
    """``--force``: move the new site's files into a folder that holds other files too.

    The manifest is first written with old and new files, so a crash never leaves a file of ours
    unlisted; only files the previous manifest listed and the new site lacks are deleted.
    """
    out, fresh = folder.path, _walk(new)[0] - {MANIFEST}
    out.mkdir(parents=True, exist_ok=True)
    _write_atomic(out / MANIFEST, manifest_bytes(folder.own | fresh))
    for rel in sorted(fresh):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(new / rel, out / rel)
    for rel in sorted(folder.own - fresh - {MANIFEST}):
        (out / rel).unlink(missing_ok=True)
    os.replace(new / MANIFEST, out / MANIFEST)
    shutil.rmtree(new)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def crash_point(label: str) -> None:
    """Die here if ``GLIMPSE_PUBLISH_CRASH_AT`` names this point (the crash tests' hook)."""
    if os.environ.get("GLIMPSE_PUBLISH_CRASH_AT") == label:
        os.kill(os.getpid(), signal.SIGKILL)
