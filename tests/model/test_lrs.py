"""Sending to an LRS: batches, headers, backoff, retries on 5xx and timeouts, 409 as sent, no duplicates, restarts, credentials."""

from __future__ import annotations

import base64
import json
import random
import ssl
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from app.model import lrs
from app.model.attempts import QuestionResult, QuizResult
from app.model.lrs import (
    BACKOFF_BASE,
    BACKOFF_CAP,
    CredentialStore,
    HttpRequest,
    HttpResponse,
    LrsSettings,
    Status,
    TransportError,
    backoff_delay,
    endpoint_problem,
    enqueue,
    enqueue_all,
    load_config,
    make_config,
    outbox_status,
    retry_failed,
    save_settings,
    send_pending,
    statement_status,
    urllib_transport,
)
from app.model.progress import ProgressStore

CONFIG = make_config("http://127.0.0.1:9/xAPI/", "teacher", "pa55-word", batch_size=50)
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def statement(number: int) -> dict[str, Any]:
    """Make a small, valid statement with a fresh id."""
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": "urn:unspun:profile", "name": "p"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {
            "objectType": "Activity",
            "id": f"urn:unspun:pack:p/module/m/lesson/l/step/s/question/q{number}",
        },
        "timestamp": "2025-03-01T09:00:00.000Z",
        "version": "1.0.3",
    }


class FakeLrs:
    """An LRS in memory that keeps one statement per id, as the xAPI spec asks, and can misbehave on cue.

    ``script`` lists what the next calls do: "ok" (behave), a status code (answer it without
    storing), "timeout" (no answer), or "lost" (store the batch, then drop the connection).
    """

    def __init__(self, script: list[Any] | None = None) -> None:
        self.script = list(script or [])
        self.stored: dict[str, dict[str, Any]] = {}
        self.requests: list[HttpRequest] = []
        self.received: list[str] = []  # every statement id in every request

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        batch = json.loads(request.body)
        self.received += [item.get("id") for item in batch]
        action = self.script.pop(0) if self.script else "ok"
        if action == "timeout":
            raise TransportError("the LRS did not answer in time")
        if isinstance(action, int):
            return HttpResponse(action, b'{"detail": "scripted"}')
        if any("verb" not in item for item in batch):
            return HttpResponse(400, b'{"detail": "a statement has no verb"}')
        for item in batch:
            if item["id"] in self.stored and self.stored[item["id"]] != item:
                return HttpResponse(409, b'{"detail": "conflict"}')
        for item in batch:
            self.stored.setdefault(item["id"], item)
        if action == "lost":
            raise TransportError("the connection to the LRS was cut")
        return HttpResponse(200, json.dumps([item["id"] for item in batch]).encode())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    with ProgressStore.open(tmp_path / "progress.sqlite3") as opened:
        yield opened


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def test_batches_carry_the_xapi_headers_and_basic_auth(store: ProgressStore) -> None:
    """120 statements go as 50 + 50 + 20 in POSTs to <endpoint>/statements with the version header and Basic auth."""
    fake = FakeLrs()
    enqueue(store, [statement(n) for n in range(120)])
    report = send_pending(store, CONFIG, fake)
    assert report.sent == 120 and report.waiting == 0 and report.error is None
    assert [len(json.loads(r.body)) for r in fake.requests] == [50, 50, 20]
    request = fake.requests[0]
    assert request.method == "POST"
    assert request.url == "http://127.0.0.1:9/xAPI/statements"
    assert request.headers["X-Experience-API-Version"] == "1.0.3"
    assert request.headers["Content-Type"].startswith("application/json")
    scheme, token = request.headers["Authorization"].split()
    assert scheme == "Basic" and base64.b64decode(token).decode() == "teacher:pa55-word"
    assert request.timeout == lrs.TIMEOUT_SECONDS
    assert outbox_status(store).sent == 120


def test_backoff_doubles_with_jitter_up_to_a_cap() -> None:
    """Each failure doubles the ceiling from BACKOFF_BASE; the delay lies in its upper half; the cap holds."""
    rng = random.Random(1)
    for failures in range(1, 20):
        ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (failures - 1))
        for _ in range(20):
            delay = backoff_delay(failures, rng)
            assert ceiling / 2 <= delay <= ceiling
    assert backoff_delay(0) == 0.0
    assert backoff_delay(60, rng) <= BACKOFF_CAP
    draws = {round(backoff_delay(3, random.Random(seed)), 6) for seed in range(10)}
    assert len(draws) > 5  # jitter: computers that failed together do not retry together


@pytest.mark.parametrize("failure", [503, 500, 429, "timeout", 401, 404])
def test_failures_keep_the_batch_and_back_off(store: ProgressStore, failure: Any) -> None:
    """A 5xx, 429, timeout, refused password or wrong address keeps the batch queued and waits before the next try."""
    clock = Clock()
    fake = FakeLrs([failure])
    items = [statement(n) for n in range(3)]
    enqueue(store, items)
    first = send_pending(store, CONFIG, fake, now=clock, rng=random.Random(0))
    assert first.sent == 0 and first.waiting == 3 and first.error
    assert first.retry_at is not None and first.retry_at > clock.now
    assert statement_status(store, items[0]["id"]) == (Status.QUEUED, first.error)
    status = outbox_status(store)
    assert status.queued == 3 and status.last_error == first.error
    # Before the retry is due nothing is sent, unless the teacher forces it.
    assert send_pending(store, CONFIG, fake, now=clock).requests == 0
    clock.now = first.retry_at + timedelta(seconds=1)
    second = send_pending(store, CONFIG, fake, now=clock)
    assert second.sent == 3 and second.waiting == 0
    assert set(fake.stored) == {item["id"] for item in items}
    assert outbox_status(store).last_error is None  # the backoff is cleared by a success


def test_consecutive_failures_wait_longer(store: ProgressStore) -> None:
    """The second failure in a row waits on a doubled ceiling; force sends at once."""
    clock = Clock()
    fake = FakeLrs(["timeout", "timeout"])
    enqueue(store, [statement(1)])
    first = send_pending(store, CONFIG, fake, now=clock, rng=random.Random(5))
    clock.now = first.retry_at  # type: ignore[assignment]
    second = send_pending(store, CONFIG, fake, now=clock, rng=random.Random(5))
    assert second.retry_at is not None
    gap_1 = (first.retry_at - T0).total_seconds()  # type: ignore[operator]
    gap_2 = (second.retry_at - clock.now).total_seconds()
    assert BACKOFF_BASE / 2 <= gap_1 <= BACKOFF_BASE
    assert BACKOFF_BASE <= gap_2 <= BACKOFF_BASE * 2
    assert send_pending(store, CONFIG, fake, now=clock, force=True).sent == 1


def test_conflict_alone_counts_as_sent_and_in_a_batch_is_narrowed(store: ProgressStore) -> None:
    """409 for one statement means the LRS has it; 409 for a batch resends one by one so the rest arrive."""
    fake = FakeLrs()
    items = [statement(n) for n in range(4)]
    fake.stored[items[2]["id"]] = {**items[2], "verb": {"id": "http://example.org/other"}}
    enqueue(store, items)
    report = send_pending(store, CONFIG, fake)
    assert report.sent == 4 and report.failed == 0
    assert [len(json.loads(r.body)) for r in fake.requests] == [4, 1, 1, 1, 1]
    assert all(item["id"] in fake.stored for item in items)
    assert statement_status(store, items[2]["id"]) == (Status.SENT, None)


def test_a_refused_statement_fails_with_the_reason_and_can_be_retried(store: ProgressStore) -> None:
    """400 on a batch narrows to the bad statement, which is failed with the LRS's words; the others are sent."""
    fake = FakeLrs()
    items = [statement(n) for n in range(3)]
    broken = dict(items[1])
    del broken["verb"]
    enqueue(store, [items[0], broken, items[2]])
    report = send_pending(store, CONFIG, fake)
    assert report.sent == 2 and report.failed == 1
    status = outbox_status(store)
    assert status.failed == 1 and "a statement has no verb" in status.failures[0].reason
    assert statement_status(store, broken["id"])[0] is Status.FAILED  # type: ignore[index]
    assert send_pending(store, CONFIG, fake).requests == 0  # failed ones wait for the teacher
    assert retry_failed(store) == 1
    assert outbox_status(store).queued == 1


def test_never_sent_twice_and_a_lost_answer_is_harmless(store: ProgressStore) -> None:
    """Sent statements are not sent again; a batch whose answer was lost is resent and the LRS keeps one copy."""
    clock = Clock()
    fake = FakeLrs(["ok", "lost"])
    items = [statement(n) for n in range(100)]
    enqueue(store, items)
    first = send_pending(store, CONFIG, fake, now=clock)
    assert first.sent == 50 and first.waiting == 50 and "cut" in (first.error or "")
    clock.now = first.retry_at  # type: ignore[assignment]
    second = send_pending(store, CONFIG, fake, now=clock)
    assert second.sent == 50 and second.waiting == 0
    assert enqueue(store, items) == 0  # queued once, whatever happens
    assert send_pending(store, CONFIG, fake, now=clock).requests == 0
    assert len(fake.stored) == 100
    counts = {item["id"]: fake.received.count(item["id"]) for item in items}
    assert sorted(set(counts.values())) == [1, 2]  # only the lost batch went twice
    assert sum(1 for c in counts.values() if c == 2) == 50


def test_outbox_survives_closing_and_reopening(tmp_path: Path) -> None:
    """Queued statements and their statuses are on disk: a restart neither loses nor resends them."""
    path = tmp_path / "progress.sqlite3"
    items = [statement(n) for n in range(70)]
    fake = FakeLrs(["ok", "timeout"])
    with ProgressStore.open(path) as store:
        enqueue(store, items)
        send_pending(store, CONFIG, fake)
    with ProgressStore.open(path) as store:
        status = outbox_status(store)
        assert (status.sent, status.queued) == (50, 20)
        send_pending(store, CONFIG, fake, force=True)
    with ProgressStore.open(path) as store:
        assert outbox_status(store).sent == 70
        assert outbox_status(store).queued == 0
    assert len(fake.stored) == 70
    assert len(fake.received) == 90  # 50 + the 20 that timed out + the same 20 again


def test_enqueue_all_takes_every_profiles_statements_once(store: ProgressStore) -> None:
    """Real exported statements of every profile are queued once; a new attempt adds only its own."""
    where = ("pack", "m", "l", "#1")
    for name in ("Mei", "Ana"):
        profile = store.create_profile(name)
        answered = (QuestionResult("q", True, 1.0, 1.0, 1.0),)
        store.record_attempt(
            profile, *where, QuizResult(answered, 0.5, None, None, T0, T0), {"q": "true_false"}, None
        )
    assert enqueue_all(store, []) == 4  # per profile: passed + answered
    assert enqueue_all(store, []) == 0
    answered = (QuestionResult("q", False, 0.0, 0.0, 1.0),)
    store.record_attempt(1, *where, QuizResult(answered, 0.5, None, None, T0, T0), {"q": "true_false"}, None)
    assert enqueue_all(store, []) == 2


class MemoryKeyring:
    """A keyring backend in memory."""

    def __init__(self, broken: bool = False) -> None:
        self.items: dict[tuple[str, str], str] = {}
        self.broken = broken

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.broken:
            raise RuntimeError("locked")
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_password_goes_to_the_keyring_never_to_the_progress_file(tmp_path: Path) -> None:
    """With a keyring the password is stored there; the progress file (and its WAL) never holds it."""
    secret = "Sekr1t-" + uuid.uuid4().hex
    keyring = MemoryKeyring()
    credentials = CredentialStore(keyring)
    path = tmp_path / "progress.sqlite3"
    with ProgressStore.open(path) as store:
        save_settings(store, LrsSettings("https://lrs.example.org/xAPI/", "teacher", True))
        assert credentials.save("https://lrs.example.org/xAPI/", "teacher", secret) is True
        config = load_config(store, credentials)
        assert config is not None and config.password == secret
    assert secret in keyring.items.values()
    for file in tmp_path.iterdir():
        assert secret.encode() not in file.read_bytes(), file
    credentials.forget("https://lrs.example.org/xAPI/", "teacher")
    assert not keyring.items


def test_without_a_keyring_the_password_lasts_this_session_only(tmp_path: Path) -> None:
    """No usable keyring (or one that refuses): the password is kept in memory and nowhere else."""
    for credentials in (CredentialStore(use_system=False), CredentialStore(MemoryKeyring(broken=True))):
        assert credentials.save("https://lrs.example.org/xAPI/", "t", "only-now") is False
        assert not credentials.persistent and credentials.reason
        assert credentials.load("https://lrs.example.org/xAPI/", "t") == "only-now"
        credentials.forget("https://lrs.example.org/xAPI/", "t")
        assert credentials.load("https://lrs.example.org/xAPI/", "t") is None


def test_the_fail_keyring_counts_as_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring's fail backend (no service on this computer) is treated as no keyring."""
    keyring = pytest.importorskip("keyring")
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    backend, reason = lrs.system_keyring()
    assert backend is None and "no keyring" in reason


def test_endpoint_checks() -> None:
    """Only http(s) endpoints without credentials, queries or fragments are accepted."""
    assert endpoint_problem("https://lrs.example.org/xAPI/") is None
    for bad in (
        "",
        "ftp://x/xAPI",
        "lrs.example.org/xAPI",
        "https://u:p@lrs.example.org/xAPI",
        "https://x/?a=1",
        "http://lrs.example.org/xAPI/",  # plain http leaves this computer: refused (issue 15)
    ):
        assert endpoint_problem(bad), bad
    assert endpoint_problem("http://127.0.0.1:8100/xAPI/") is None
    assert endpoint_problem("http://localhost/xAPI/") is None
    assert endpoint_problem("http://[::1]:8100/xAPI/") is None
    assert "Plain http is allowed only" in (endpoint_problem("http://lrs.example.org/xAPI/") or "")
    assert lrs.sends_in_clear("http://lrs.example.org/xAPI") and not lrs.sends_in_clear(
        "http://127.0.0.1:8100/"
    )
    with pytest.raises(lrs.LrsError):
        make_config("https://x/xAPI", "a:b", "p")


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        if self.path.startswith("/moved"):
            self.send_response(302)
            self.send_header("Location", "/xAPI/statements")
            self.end_headers()
            return
        code = 500 if self.path.startswith("/broken") else 200
        body = b'{"detail": "database down"}' if code == 500 else b"[]"
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_urllib_transport_reports_statuses_and_refuses_redirects(local_server: str) -> None:
    """The urllib transport returns HTTP statuses as answers, never follows a redirect, and raises when there is no answer."""

    def post(url: str) -> HttpResponse:
        return urllib_transport(HttpRequest("POST", url, {"Content-Type": "application/json"}, b"[]", 5.0))

    assert post(local_server + "/xAPI/statements").status == 200
    broken = post(local_server + "/broken/statements")
    assert broken.status == 500 and b"database down" in broken.body
    assert post(local_server + "/moved/statements").status == 302
    with pytest.raises(TransportError):
        post("http://127.0.0.1:9/xAPI/statements")  # the discard port: nothing listens


def test_tls_uses_the_system_trust_store() -> None:
    """LRS connections verify certificates against the operating system's store (truststore), not certifi's."""
    import ssl

    import truststore

    context = lrs.tls_context()
    assert isinstance(context, truststore.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    handlers = [h for h in lrs._opener().handlers if isinstance(h, urllib.request.HTTPSHandler)]
    assert len(handlers) == 1 and isinstance(handlers[0]._context, truststore.SSLContext)


def test_an_untrusted_certificate_is_explained() -> None:
    error = ssl.SSLCertVerificationError(1, "certificate verify failed")
    error.verify_message = "self-signed certificate"
    reason = lrs._connection_reason(error)
    assert "does not trust the LRS's certificate (self-signed certificate)" in reason
