"""Find the course's cat data, or fetch it once into a cache (the suite's cat rows need it).

`locate` tries, in order, and returns the first that applies:

1. ``explicit``, the ``--cat-data`` option (returned even when missing: the caller fails loudly);
2. ``$SCRATCHNN_CAT_DATA`` (likewise returned even when missing);
3. ``<rootdir>/../shared/data/cat.npz``, when it exists (the lab machines' shared copy);
4. a copy of the course's two ``.h5`` files already in the cache whose SHA-256 match the pins;
5. a download of those two files into the cache, verified against the pins by pooch.

The pinned source is the course's original ``train_catvnoncat.h5`` (2,572,022 bytes) and
``test_catvnoncat.h5`` (616,958 bytes), byte-identical at the root of the public GitHub repository
`REPOSITORY` at commit `COMMIT`, fetched from raw.githubusercontent.com at that commit. A download
whose SHA-256 differs from the pin is deleted and not used (the reason says so, with pooch's
message). Both files land side by side under the course's names, so the path returned (the train
file) is what `scratchnn.data.load_cat` reads; it finds the test file beside it (needs ``h5py``).

Environment
-----------
SCRATCHNN_CAT_DATA
    The cat data to use (``.npz`` or either ``.h5`` file); wins over everything but ``--cat-data``.
SCRATCHNN_CACHE
    The scratchnn cache directory (default ``pooch.os_cache("scratchnn")``, e.g.
    ``~/.cache/scratchnn`` on Linux); the cat files go in its ``catvnoncat/`` subdirectory.
SCRATCHNN_CAT_URL
    A base URL that replaces the pinned one (the files are fetched as ``<base>/<file name>``);
    the tests point it at a local server. The pinned SHA-256 are checked whatever the URL.
SCRATCHNN_OFFLINE
    ``1`` (or ``true``, ``yes``, ``on``) forbids downloading, as ``download=False`` does: only the
    sources 1-4 are tried (for CI that must not touch the network).

Downloads time out after `TIMEOUT` seconds without an answer. pooch uses ``requests`` for HTTP
(a hard dependency of pooch 1.8 and 1.9, installed with it) and logs through the ``pooch`` logger.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

# pooch has no py.typed marker: pyproject's mypy override lets it in untyped.
import pooch

from scratchnn.data import H5_TEST, H5_TRAIN

__all__ = ["Located", "cache_dir", "locate"]

CAT_ENV = "SCRATCHNN_CAT_DATA"
CACHE_ENV = "SCRATCHNN_CACHE"
URL_ENV = "SCRATCHNN_CAT_URL"
OFFLINE_ENV = "SCRATCHNN_OFFLINE"

REPOSITORY = "luca-92/Building-your-Deep-Neural-Network-Step-by-Step"
COMMIT = "fdb26d188314c21558b3bd9c723f4ce3c8750487"
BASE_URL = f"https://raw.githubusercontent.com/{REPOSITORY}/{COMMIT}"
#: file name -> pinned SHA-256 (pooch's ``known_hash`` form). Sizes: 2,572,022 and 616,958 bytes.
FILES = {
    H5_TRAIN: "sha256:fbe56ab67c3ae28d564e3a644189117976d6b31af0a3ce9bb17dbf22908af242",
    H5_TEST: "sha256:6a9d39ce52fa85953c5834695b8534a30ed8cfd54971fb2f080b5a24d002b951",
}
TIMEOUT = 10.0  # seconds without an answer before a download gives up
SUBDIR = "catvnoncat"  # inside the scratchnn cache
OFFLINE = f"not run: offline and no cached copy (set {CAT_ENV})"
_TRUE = ("1", "true", "yes", "on")


class Located(NamedTuple):
    """Where the cat data is, or why there is none.

    Attributes
    ----------
    path : Path or None
        The data (``.npz`` or the train ``.h5`` file, its test file beside it); None when none
        could be had. An ``explicit`` or ``env`` path may not exist.
    source : str
        ``"explicit"``, ``"env"``, ``"shared"``, ``"cache"`` or ``"download"`` when ``path`` is
        set; ``"offline"`` (nothing reachable) or ``"mismatch"`` (a download failed its SHA-256
        check) when it is None.
    reason : str
        Human-readable: where the path came from, or why there is none (then it starts with
        ``"not run: "``).
    """

    path: Path | None
    source: str
    reason: str


def cache_dir() -> Path:
    """The cached cat files' directory: ``$SCRATCHNN_CACHE`` (or the OS cache) / ``catvnoncat``."""
    root = os.environ.get(CACHE_ENV)
    base = Path(root).expanduser() if root else Path(pooch.os_cache("scratchnn"))
    return base / SUBDIR


def locate(
    explicit: str | os.PathLike[str] | None = None,
    *,
    rootdir: Path | None = None,
    download: bool = True,
) -> Located:
    """Find the course's cat data, downloading it into the cache if need be (see the module).

    Parameters
    ----------
    explicit : str or os.PathLike, optional
        A path given by the user (``--cat-data``); returned as is, even when missing.
    rootdir : Path, optional
        The repository root (pytest's rootdir); ``rootdir/../shared/data/cat.npz`` is tried.
    download : bool, default True
        Whether a download may be tried; ``$SCRATCHNN_OFFLINE`` can also forbid it.

    Returns
    -------
    Located
        ``(path, source, reason)``; ``path`` is None when nothing could be had.
    """
    if explicit is not None and str(explicit):
        return _given(Path(explicit), "explicit", "--cat-data")
    env = os.environ.get(CAT_ENV)
    if env:
        return _given(Path(env), "env", f"${CAT_ENV}")
    if rootdir is not None:
        shared = Path(rootdir).resolve().parent / "shared" / "data" / "cat.npz"
        if shared.is_file():
            return Located(shared, "shared", f"shared copy {shared}")
    folder = cache_dir()
    stale = _stale(folder)
    if not stale:
        return Located(folder / H5_TRAIN, "cache", f"verified copy in the cache {folder}")
    if not download:
        return Located(None, "offline", f"{OFFLINE}; downloading is off (download=False)")
    if os.environ.get(OFFLINE_ENV, "").strip().lower() in _TRUE:
        return Located(None, "offline", f"{OFFLINE}; downloading is off (${OFFLINE_ENV})")
    return _download(folder, stale)


def _given(path: Path, source: str, where: str) -> Located:
    """A user-given path, returned even when missing (the reason says so)."""
    path = path.expanduser()
    missing = "" if path.exists() else " (does not exist)"
    return Located(path, source, f"{where} {path}{missing}")


def _stale(folder: Path) -> list[str]:
    """The pinned files that are absent from ``folder`` or fail their SHA-256."""
    stale = []
    for name, known in FILES.items():
        file = folder / name
        try:
            ok = file.is_file() and pooch.file_hash(str(file)) == known.split(":")[-1]
        except OSError:
            ok = False
        if not ok:
            stale.append(name)
    return stale


def _download(folder: Path, names: list[str]) -> Located:
    """Fetch ``names`` into ``folder`` with pooch, each checked against its pinned SHA-256."""
    import requests  # pooch's HTTP client (a dependency of pooch)

    base = (os.environ.get(URL_ENV) or BASE_URL).rstrip("/")
    downloader = pooch.HTTPDownloader(timeout=TIMEOUT, progressbar=False)
    for name in names:
        url = f"{base}/{name}"
        try:
            pooch.retrieve(url, FILES[name], fname=name, path=folder, downloader=downloader)
        except requests.exceptions.RequestException as exc:  # before OSError: it is one
            return Located(None, "offline", f"{OFFLINE}; {_cause(exc, url)}")
        except ValueError as exc:  # pooch's hash check: the download was deleted
            return Located(
                None, "mismatch", f"not run: {name} from {url} failed its SHA-256 check: {exc}"
            )
        except OSError as exc:
            return Located(None, "offline", f"{OFFLINE}; could not write {folder}: {exc}")
    return Located(folder / H5_TRAIN, "download", f"downloaded from {base} into {folder}")


def _cause(exc: Exception, url: str) -> str:
    """A short form of a download error, e.g. "could not reach raw.githubusercontent.com"."""
    import requests

    host = urlsplit(url).netloc or url
    if isinstance(exc, requests.exceptions.Timeout):
        return f"no answer from {host} within {TIMEOUT:g} s"
    if isinstance(exc, requests.exceptions.HTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code} from {host} for {url}"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return f"could not reach {host}"
    return f"download from {host} failed: {type(exc).__name__}"
