"""A real LRS on loopback (Ralph, file-system backend): every statement arrives exactly once, even when the connection is cut,
every exported statement passes Ralph's strict xAPI model, and a class file's school identity and registration
arrive as sent.

Ralph runs from its own virtual environment, ``.venv-ralph`` (``.ci/run`` makes it), so that its
dependencies never mix with the app's. The fixture writes a Basic-auth file with a bcrypt hash,
a small launcher that switches Ralph's file-system backend to appending (it otherwise accepts
only the first write) and then runs ``ralph.api:app`` under uvicorn on 127.0.0.1, and waits
for ``/__heartbeat__``.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from app.model import lrs
from app.model.identity import ClassMembership, make_identity
from app.model.loader import load_pack
from app.model.lrs import HttpRequest, HttpResponse, TransportError, urllib_transport
from app.model.progress import ProgressStore
from app.model.results import EXTENSION, statements
from app.model.school_class import join_class, read_class_file
from tests.class_data import make_class
from tests.conftest import EXAMPLE_PACK, ROOT
from tests.model.test_results import study
from tests.stored import stored_rows

RALPH_PYTHON = ROOT / ".venv-ralph" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
USER, PASSWORD = "teacher", "correct horse battery staple"
REGISTRATION = "3f1c1a52-9d8e-4a7b-b2a4-0c9a4b3e7d11"
#: How long Ralph may take to start (it imports FastAPI and pydantic models).
START_SECONDS = 90

LAUNCHER = """\
import sys

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

# Ralph 5.1.0's file-system backend refuses every write after the first unless it appends.
FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from pathlib import Path

import uvicorn


class ReadyServer(uvicorn.Server):
    # writes the ready file once it listens: the test waits for that, not for a guessed time
    async def startup(self, sockets=None):
        await super().startup(sockets=sockets)
        if self.started:
            Path(sys.argv[2]).write_text("listening", encoding="utf-8")


ReadyServer(uvicorn.Config("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")).run()
"""

HASHER = """\
import bcrypt, json, sys
user, password, path = sys.argv[1:4]
digest = bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()
entry = {"username": user, "hash": digest, "scopes": ["all"], "agent": {"mbox": "mailto:teacher@example.org"}}
open(path, "w", encoding="utf-8").write(json.dumps([entry]))
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Ralph:
    """A Ralph LRS process on loopback, which the test can stop and start again on the same data."""

    folder: Path
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        return f"{self.base}/xAPI/"

    def environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("RALPH_")}
        env.update(
            RALPH_RUNSERVER_BACKEND="fs",
            RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(self.folder / "data"),
            RALPH_AUTH_FILE=str(self.folder / "auth.json"),
            RALPH_APP_DIR=str(self.folder / "app"),
            NO_PROXY="127.0.0.1,localhost",
        )
        return env

    def start(self) -> None:
        """Start Ralph, wait (boundedly) for the file it writes once it listens, then for its heartbeat."""
        log = (self.folder / "ralph.log").open("ab")
        ready = self.folder / "ready"
        ready.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [str(RALPH_PYTHON), str(self.folder / "launch.py"), str(self.port), str(ready)],
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.folder,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and self.process.poll() is None and not ready.is_file():
            time.sleep(0.05)  # polling the handshake file, within the deadline
        while ready.is_file() and time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.base}/__heartbeat__", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        self.stop()
        pytest.fail(
            "Ralph did not start:\n" + (self.folder / "ralph.log").read_text(errors="replace")[-3000:]
        )

    def stop(self) -> None:
        """Stop the Ralph process this fixture started."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def get(self, url: str) -> dict[str, Any]:
        """GET from the LRS's own API with Basic auth and the version header."""
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(
            url, headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
        )
        with urllib.request.urlopen(request, timeout=20) as answer:
            return json.loads(answer.read())  # type: ignore[no-any-return]

    def all_statements(self, page: int = 25) -> list[dict[str, Any]]:
        """Read every stored statement back, following the ``more`` links."""
        found: list[dict[str, Any]] = []
        url: str | None = f"{self.endpoint}statements?limit={page}"
        while url:
            result = self.get(url)
            found += result["statements"]
            url = urljoin(self.base, result["more"]) if result.get("more") else None
        return found


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[Ralph]:
    if not RALPH_PYTHON.exists():
        pytest.skip(
            f"Ralph's virtual environment {RALPH_PYTHON.parent.parent} is missing; .ci/run creates it "
            "(python3 -m venv .venv-ralph && .venv-ralph/bin/pip install 'ralph-malph[cli,lrs]==5.1.0' requests uvicorn)"
        )
    folder = tmp_path / "ralph"
    for name in ("data", "app"):
        (folder / name).mkdir(parents=True)
    (folder / "launch.py").write_text(LAUNCHER, encoding="utf-8")
    subprocess.run(
        [str(RALPH_PYTHON), "-c", HASHER, USER, PASSWORD, str(folder / "auth.json")], check=True, timeout=60
    )
    server = Ralph(folder)
    server.start()
    yield server
    server.stop()


class CuttingTransport:
    """The real urllib transport, but the answer to the chosen requests is lost after Ralph received them."""

    def __init__(self, cut_after: set[int]) -> None:
        self.cut_after = cut_after
        self.calls = 0
        self.posted: list[str] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.calls += 1
        self.posted += [item["id"] for item in json.loads(request.body)]
        response = urllib_transport(request)
        if self.calls in self.cut_after:
            raise TransportError("the connection to the LRS was cut")
        return response


def test_every_statement_reaches_ralph_exactly_once(ralph: Ralph, tmp_path: Path) -> None:
    """Send real results in batches, lose an answer mid-way, lose the LRS, resume: Ralph holds each statement once."""
    pack = load_pack(EXAMPLE_PACK).pack
    assert pack is not None
    make_class(pack, tmp_path / "class", count=3, seed=11)
    config = lrs.make_config(ralph.endpoint, USER, PASSWORD, batch_size=10, timeout=20.0)
    with ProgressStore.open(tmp_path / "class" / "class.sqlite3") as store:
        queued = lrs.enqueue_all(store, [pack])
        assert queued > 30
        expected = {
            row[0]: json.loads(row[1])
            for row in stored_rows(store, "SELECT statement_id, statement_json FROM lrs_outbox")
        }

        # 1. Batches 1 and 2 arrive; the answer to batch 3 is lost after Ralph stored it.
        cutting = CuttingTransport(cut_after={3})
        first = lrs.send_pending(store, config, cutting)
        assert first.sent == 20 and first.error and "cut" in first.error
        assert lrs.outbox_status(store).queued == queued - 20

        # 2. The LRS goes away: nothing is marked sent, nothing is lost.
        ralph.stop()
        second = lrs.send_pending(store, config, force=True)
        assert second.sent == 0 and second.error and lrs.outbox_status(store).queued == queued - 20

        # 3. It comes back: the rest goes, batch 3 again among it, and the outbox is empty.
        ralph.start()
        third = lrs.send_pending(store, config, cutting, force=True)
        assert third.error is None and third.waiting == 0
        assert lrs.outbox_status(store).sent == queued
        assert lrs.send_pending(store, config, cutting, force=True).requests == 0
    # Batch 3 really was posted twice.
    assert len(cutting.posted) == queued + 10

    stored = ralph.all_statements(page=25)
    ids = [item["id"] for item in stored]
    assert len(ids) == len(set(ids)) == queued
    assert set(ids) == set(expected)
    for item in stored:
        mine = expected[item["id"]]
        assert item["verb"]["id"] == mine["verb"]["id"]
        assert item["object"]["id"] == mine["object"]["id"]
        assert item["actor"]["account"] == mine["actor"]["account"]


STRICT_CHECKER = """\
import json, sys

from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

problems = {}
for statement in json.load(open(sys.argv[1], encoding="utf-8")):
    try:
        BaseXapiStatement(**statement)
    except ValidationError as error:
        problems[statement.get("id", "?")] = str(error)[:2000]
print(json.dumps(problems))
"""


def strict_problems(statements: list[dict[str, Any]], folder: Path) -> dict[str, str]:
    """Validate statements with Ralph's strict xAPI model (``BaseXapiStatement``), in Ralph's own Python."""
    if not RALPH_PYTHON.exists():
        pytest.skip(f"Ralph's virtual environment {RALPH_PYTHON.parent.parent} is missing; .ci/run creates it")
    data = folder / "strict-statements.json"
    data.write_text(json.dumps(statements), encoding="utf-8")
    checker = folder / "strict_check.py"
    checker.write_text(STRICT_CHECKER, encoding="utf-8")
    run = subprocess.run(
        [str(RALPH_PYTHON), str(checker), str(data)], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_every_exported_statement_passes_ralphs_strict_model(tmp_path: Path) -> None:
    """A class that studied the example pack (every question type, reflections, checks, completions)
    exports only statements Ralph 5.1.0's strict model accepts, with each kind of school identity."""
    pack = load_pack(EXAMPLE_PACK).pack
    assert pack is not None
    make_class(pack, tmp_path / "class", count=4, seed=5)
    found: list[dict[str, Any]] = []
    with ProgressStore.open(tmp_path / "class" / "class.sqlite3") as store:
        profiles = store.profiles()
        identities = [
            None,
            make_identity(home_page="https://lms.school.example", account_name="student-1"),
            make_identity(email="student2@school.example"),
            make_identity(email="student3@school.example", hash_email=True),
        ]
        for profile, identity in zip(profiles, identities, strict=True):
            store.set_school_identity(profile.uuid, identity)
            store.set_class_membership(
                profile.uuid, ClassMembership("Year 9", REGISTRATION, "2000-01-01T00:00:00.000Z")
            )
            found += statements(store, profile.id, [pack])
    kinds = {
        s["result"]["extensions"][EXTENSION + "question-type"]
        for s in found
        if EXTENSION + "question-type" in (s.get("result") or {}).get("extensions", {})
    }
    assert kinds >= {"single", "multiple", "true_false", "short", "order", "match", "spot", "categorize", "judge"}
    assert {"account", "mbox", "mbox_sha1sum"} <= {key for s in found for key in s["actor"]}
    assert strict_problems(found, tmp_path) == {}


CLASS_FILE = """\
format: 1
name: Year 9 media literacy
home_page: https://lms.school.example
registration: {registration}
lrs:
  endpoint: {endpoint}
  key: {key}
  secret: {secret}
"""


def test_a_class_file_sets_up_a_fresh_profile_and_ralph_gets_identity_and_registration(
    ralph: Ralph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Join a class from its file, study, send: Ralph holds each statement once, strictly valid,
    with the school account and the class's registration, and answers a query by registration."""
    monkeypatch.setattr(lrs, "_SESSION_PASSWORDS", {})
    pack = load_pack(EXAMPLE_PACK).pack
    assert pack is not None
    class_file = tmp_path / "year9.unspun-class"
    class_file.write_text(
        CLASS_FILE.format(registration=REGISTRATION, endpoint=ralph.endpoint, key=USER, secret=json.dumps(PASSWORD)),
        encoding="utf-8",
    )
    credentials = lrs.CredentialStore(use_system=False)
    with ProgressStore.open(tmp_path / "fresh.sqlite3") as store:
        profile = store.create_profile("Mei")
        join_class(store, profile, read_class_file(class_file), credentials, login="mei.w")
        study(pack, store, profile)
        queued = lrs.enqueue_all(store, [pack])
        config = lrs.load_config(store, credentials)
        assert config is not None and queued > 20
        report = lrs.send_pending(store, config, force=True)
        assert report.error is None and lrs.outbox_status(store).sent == queued
        expected = {
            row[0]: json.loads(row[1])
            for row in stored_rows(store, "SELECT statement_id, statement_json FROM lrs_outbox")
        }
    stored = ralph.all_statements(page=25)
    ids = [item["id"] for item in stored]
    assert len(ids) == len(set(ids)) == queued and set(ids) == set(expected)
    for item in stored:
        assert item["actor"]["account"] == {"homePage": "https://lms.school.example", "name": "mei.w"}
        assert item["actor"].get("name") == "Mei"
        assert item["context"]["registration"] == REGISTRATION
    by_registration = ralph.get(f"{ralph.endpoint}statements?registration={REGISTRATION}&limit=500")
    assert {item["id"] for item in by_registration["statements"]} == set(expected)
    assert strict_problems(list(expected.values()), tmp_path) == {}
