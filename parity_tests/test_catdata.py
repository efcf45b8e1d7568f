"""catdata.locate: the cat data is found, or fetched once into a cache, verified, and loadable.

Downloads come from a local HTTP server on 127.0.0.1 serving copies of the course's .h5 files
(from ../shared/data beside the checkout; the tests skip without them); the cache is a tmp dir,
never the user's.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parity_tests import catdata
from scratchnn.data import H5_TEST, H5_TRAIN, load_cat

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@pytest.fixture
def shared_data(pytestconfig: pytest.Config) -> Path:
    """../shared/data beside the checkout (as plugin.cat_data_path finds it), holding the .h5s."""
    folder = Path(pytestconfig.rootpath).resolve().parent / "shared" / "data"
    missing = [name for name in (H5_TRAIN, H5_TEST) if not (folder / name).is_file()]
    if missing:
        pytest.skip(f"no local copy of the course's cat data: {missing} absent from {folder}")
    return folder


@pytest.fixture
def closed_url() -> Iterator[str]:
    """A URL on 127.0.0.1 whose port is bound but not listening: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/files"


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, closed_url: str) -> Iterator[Path]:
    """A tmp cache, no user settings, no proxies, and downloads aimed at a closed port."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(catdata.CACHE_ENV, str(cache))
    monkeypatch.setenv(catdata.URL_ENV, closed_url)
    for var in (catdata.CAT_ENV, catdata.OFFLINE_ENV, *PROXY_VARS):
        monkeypatch.delenv(var, raising=False)
    yield cache / catdata.SUBDIR


class Server:
    """A local HTTP server of ``folder`` in a thread, counting the requests it answers."""

    def __init__(self, folder: Path) -> None:
        self.requests: list[str] = []
        seen = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def send_response(self, code: int, message: str | None = None) -> None:
                seen.append(f"{self.command} {self.path} {code}")
                super().send_response(code, message)

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        handler = functools.partial(Handler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/files"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.running = False
            self.httpd.shutdown()
            self.httpd.server_close()
            self.thread.join(5)


@pytest.fixture
def served(tmp_path: Path, shared_data: Path) -> Path:
    """A tmp dir holding copies of the course's two .h5 files under files/."""
    folder = tmp_path / "served" / "files"
    folder.mkdir(parents=True)
    for name in (H5_TRAIN, H5_TEST):
        shutil.copyfile(shared_data / name, folder / name)
    return folder


@pytest.fixture
def server(served: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """The local server of ``served``, with $SCRATCHNN_CAT_URL pointing at it."""
    srv = Server(served.parent)
    monkeypatch.setenv(catdata.URL_ENV, srv.url)
    yield srv
    srv.stop()


def sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def test_download_lands_verified_and_loads(server: Server, isolated: Path) -> None:
    found = catdata.locate()
    assert found.source == "download", found
    assert found.path == isolated / H5_TRAIN
    for name in (H5_TRAIN, H5_TEST):
        assert sha256(isolated / name) == catdata.FILES[name]
    assert sorted(server.requests) == [
        f"GET /files/{H5_TEST} 200",
        f"GET /files/{H5_TRAIN} 200",
    ]
    pytest.importorskip("h5py")
    data = load_cat(found.path)
    assert data.train_x.shape == (12288, 209) and data.train_y.shape == (1, 209)
    assert data.test_x.shape == (12288, 50) and data.test_y.shape == (1, 50)
    assert data.classes == ("non-cat", "cat")


def test_second_run_uses_the_cache_without_the_server(server: Server, isolated: Path) -> None:
    first = catdata.locate()
    assert first.source == "download", first
    asked = len(server.requests)
    server.stop()
    again = catdata.locate()
    assert again == (isolated / H5_TRAIN, "cache", again.reason), again
    assert catdata.locate(download=False).source == "cache"
    assert len(server.requests) == asked == 2


def test_a_missing_half_is_fetched_alone(server: Server, isolated: Path, served: Path) -> None:
    isolated.mkdir(parents=True)
    shutil.copyfile(served / H5_TRAIN, isolated / H5_TRAIN)
    found = catdata.locate()
    assert found.source == "download", found
    assert server.requests == [f"GET /files/{H5_TEST} 200"]


def test_wrong_pinned_hash_is_refused(
    server: Server, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(catdata.FILES, H5_TRAIN, "sha256:" + "0" * 64)
    found = catdata.locate()
    assert found.path is None, found
    assert found.source == "mismatch"
    assert found.reason.startswith(f"not run: {H5_TRAIN} from {server.url}/{H5_TRAIN} failed")
    assert "SHA256 hash of downloaded file" in found.reason and "does not match" in found.reason
    assert f"GET /files/{H5_TRAIN} 200" in server.requests  # it was downloaded, then refused
    assert not (isolated / H5_TRAIN).exists()


def test_corrupt_cached_copy_is_not_used(
    server: Server, isolated: Path, served: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated.mkdir(parents=True)
    for name in (H5_TRAIN, H5_TEST):
        shutil.copyfile(served / name, isolated / name)
    with open(isolated / H5_TEST, "r+b") as f:  # one flipped byte
        f.seek(1000)
        byte = f.read(1)
        f.seek(1000)
        f.write(bytes([byte[0] ^ 0xFF]))
    offline = catdata.locate(download=False)
    assert offline.path is None and offline.reason.startswith(catdata.OFFLINE), offline
    found = catdata.locate()  # fetched again (pooch "updates" it), and verified
    assert found.source == "download", found
    assert server.requests == [f"GET /files/{H5_TEST} 200"]
    assert sha256(isolated / H5_TEST) == catdata.FILES[H5_TEST]


def test_offline_closed_port(isolated: Path, closed_url: str) -> None:
    start = time.monotonic()
    found = catdata.locate()
    assert time.monotonic() - start < 5
    assert found.path is None, found
    assert found.source == "offline"
    assert found.reason.startswith("not run: offline and no cached copy (set SCRATCHNN_CAT_DATA)")
    port = closed_url.split(":")[2].split("/")[0]
    assert found.reason.endswith(f"; could not reach 127.0.0.1:{port}")
    assert not (isolated / H5_TRAIN).exists()


def test_http_error_is_named(server: Server, served: Path) -> None:
    (served / H5_TEST).unlink()
    found = catdata.locate()
    assert found.path is None and found.source == "offline", found
    assert found.reason.startswith(catdata.OFFLINE)
    assert f"HTTP 404 from 127.0.0.1:{server.httpd.server_address[1]}" in found.reason


@pytest.mark.parametrize("how", ["argument", "env"])
def test_downloads_can_be_forbidden(
    server: Server, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "env":
        monkeypatch.setenv(catdata.OFFLINE_ENV, "1")
    found = catdata.locate(download=how != "argument")
    assert found.path is None and found.source == "offline", found
    assert found.reason.startswith("not run: offline and no cached copy (set SCRATCHNN_CAT_DATA)")
    assert server.requests == []


def test_offline_env_off_values_allow_downloads(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(catdata.OFFLINE_ENV, "0")
    assert catdata.locate().source == "download"


def test_precedence_explicit_env_shared_cache(
    tmp_path: Path, isolated: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated.mkdir(parents=True)
    for name in (H5_TRAIN, H5_TEST):
        shutil.copyfile(shared_data / name, isolated / name)
    rootdir = tmp_path / "lab" / "repo"
    rootdir.mkdir(parents=True)
    shared = tmp_path / "lab" / "shared" / "data" / "cat.npz"
    shared.parent.mkdir(parents=True)
    shared.touch()
    given, env = tmp_path / "given.npz", tmp_path / "env.npz"
    given.touch()
    env.touch()
    monkeypatch.setenv(catdata.CAT_ENV, str(env))

    assert catdata.locate(given, rootdir=rootdir)[:2] == (given, "explicit")
    assert catdata.locate(str(given), rootdir=rootdir)[:2] == (given, "explicit")
    assert catdata.locate(None, rootdir=rootdir)[:2] == (env, "env")
    monkeypatch.delenv(catdata.CAT_ENV)
    assert catdata.locate(None, rootdir=rootdir)[:2] == (shared.resolve(), "shared")
    shared.unlink()
    assert catdata.locate(None, rootdir=rootdir)[:2] == (isolated / H5_TRAIN, "cache")
    assert catdata.locate(None)[:2] == (isolated / H5_TRAIN, "cache")


def test_given_paths_are_returned_even_when_missing(
    tmp_path: Path, isolated: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated.mkdir(parents=True)
    for name in (H5_TRAIN, H5_TEST):
        shutil.copyfile(shared_data / name, isolated / name)
    missing = tmp_path / "nowhere" / "cat.npz"
    found = catdata.locate(missing)
    assert found[:2] == (missing, "explicit") and found.reason.endswith("(does not exist)")
    monkeypatch.setenv(catdata.CAT_ENV, str(missing))
    found = catdata.locate()
    assert found[:2] == (missing, "env") and found.reason.endswith("(does not exist)")
    monkeypatch.setenv(catdata.CAT_ENV, "")  # empty: unset
    assert catdata.locate().source == "cache"


def test_default_cache_is_the_os_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import pooch

    monkeypatch.delenv(catdata.CACHE_ENV)
    assert catdata.cache_dir() == Path(pooch.os_cache("scratchnn")) / "catvnoncat"
