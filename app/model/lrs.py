"""Sending results to a Learning Record Store (LRS): an outbox in SQLite, batches, backoff, credentials.

The results of every profile are the xAPI statements of ``results.statements``. ``enqueue``
puts each statement into the ``lrs_outbox`` table of the progress file, keyed by its statement
id, so a statement is queued once however often it is enqueued, and the queue outlives a crash
or a restart. ``send_pending(store, config, transport)`` sends what waits in batches:

- ``POST <endpoint>/statements`` with a JSON array, ``X-Experience-API-Version: 1.0.3``, Basic
  auth and a timeout, through ``urllib`` (``urllib_transport``) or any injected transport;
- a statement is marked *sent* only after a 200 or 204 answer. When the answer is lost (the
  connection drops after the LRS stored the batch) the batch is sent again: statement ids make
  that harmless, since an LRS stores one statement per id (xAPI 1.0.3, Communication 2.1.2);
- 409 Conflict means the LRS already holds a statement with that id: alone, it counts as sent;
  in a batch, the batch is sent again one statement at a time so that the others still arrive;
- 400 for a batch is narrowed the same way; a statement refused alone is *failed* with the
  LRS's reason and waits until the teacher retries it;
- no connection, a timeout, 429, 5xx, a refused password or a wrong address keep the batch
  queued and postpone the next try with exponential backoff and jitter (``backoff_delay``).

Credentials: the endpoint and user name are settings; the password goes to the operating
system's keyring through the ``keyring`` package (``CredentialStore``). Where there is no usable
keyring backend the password is kept in memory for this session only, never written anywhere.

Nothing here imports Qt; ``app/ui/lrs_settings.py`` runs ``sync`` on a worker thread.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import ipaddress
import json
import random
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from app.model.progress import OutboxEntry, ProgressError, ProgressStore, to_stamp
from app.model.results import statements as learner_statements

if TYPE_CHECKING:
    from app.model.pack import Pack

XAPI_VERSION = "1.0.3"
#: Statements per POST.
BATCH_SIZE = 50
#: Seconds to wait for the LRS to connect and to answer each read.
TIMEOUT_SECONDS = 20.0
#: The first retry waits about this long (seconds); each further failure doubles it ...
BACKOFF_BASE = 10.0
#: ... up to this cap (seconds).
BACKOFF_CAP = 30 * 60.0
#: At most this much of an LRS's error answer is kept as the reason.
REASON_LIMIT = 300

SETTING_ENDPOINT = "lrs.endpoint"
SETTING_USERNAME = "lrs.username"
SETTING_ENABLED = "lrs.enabled"
SETTING_BACKOFF = "lrs.backoff"
KEYRING_SERVICE = "Unspun LRS"


class Status(StrEnum):
    """Where a statement stands in the outbox."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class LrsError(Exception):
    """The LRS settings are not usable; the message says why, for people."""


class TransportError(Exception):
    """The request did not get an answer: no connection, a timeout, a dropped connection."""


@dataclass(frozen=True, slots=True)
class HttpRequest:
    """One HTTP request, as the transport sends it."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    timeout: float


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """The status and body the LRS answered with."""

    status: int
    body: bytes = b""


class Transport(Protocol):
    """Send one request and return the answer; raise TransportError when there is none."""

    def __call__(self, request: HttpRequest) -> HttpResponse: ...


@dataclass(frozen=True, slots=True)
class LrsConfig:
    """Where to send and as whom. Build it with ``make_config`` so the endpoint is checked."""

    endpoint: str
    username: str
    password: str = ""
    timeout: float = TIMEOUT_SECONDS
    batch_size: int = BATCH_SIZE

    @property
    def statements_url(self) -> str:
        """Return the xAPI statements resource under the endpoint."""
        return self.endpoint.rstrip("/") + "/statements"

    def headers(self) -> dict[str, str]:
        """Return the headers of every POST: JSON, the xAPI version and Basic auth."""
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode("ascii")
        return {
            "Content-Type": "application/json; charset=utf-8",
            "X-Experience-API-Version": XAPI_VERSION,
            "Authorization": f"Basic {token}",
        }


def endpoint_problem(endpoint: str) -> str | None:
    """Say what is wrong with an LRS endpoint, or None when it can be used."""
    text = endpoint.strip()
    if not text:
        return "Enter the LRS endpoint, such as https://lrs.example.org/xAPI/."
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "The endpoint must be an http or https address, such as https://lrs.example.org/xAPI/."
    if parts.username is not None or parts.password is not None:
        return "Put the user name and password in their own boxes, not in the address."
    if parts.query or parts.fragment:
        return "The endpoint cannot have a query (?…) or a fragment (#…)."
    if parts.scheme.lower() == "http" and not is_loopback(text):
        return (
            "Plain http is allowed only for an LRS on this computer (localhost): anyone on the way could "
            "read the password and the results. Use the LRS's https address."
        )
    return None


def is_loopback(endpoint: str) -> bool:
    """Tell whether the endpoint is on this computer (localhost, 127.0.0.0/8, ::1)."""
    host = urlsplit(endpoint.strip()).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def sends_in_clear(endpoint: str) -> bool:
    """Tell whether the password would cross the network unencrypted (plain http to another computer)."""
    return urlsplit(endpoint.strip()).scheme.lower() == "http" and not is_loopback(endpoint)


def make_config(endpoint: str, username: str, password: str, **options: Any) -> LrsConfig:
    """Check the settings and build a config; raise LrsError saying what is wrong."""
    problem = endpoint_problem(endpoint)
    if problem is not None:
        raise LrsError(problem)
    if ":" in username:
        raise LrsError("A user name for Basic authentication cannot contain a colon (:).")
    return LrsConfig(endpoint.strip(), username, password, **options)


# ---------------------------------------------------------------- the transport


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: urllib would turn the POST into a GET, whose 200 would look like success."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        """Follow no redirect: the answer of the address we were given is the answer."""
        return None


_OPENERS: list[urllib.request.OpenerDirector] = []


def tls_context() -> ssl.SSLContext:
    """The TLS context for LRS connections: the operating system's trust store (``truststore``).

    A school whose proxy inspects TLS installs its certificate in the system's store; Python's
    bundled certificates would refuse it, the system's store trusts it. Certificates and host
    names are always checked.
    """
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def _opener() -> urllib.request.OpenerDirector:
    """The one urllib opener: no redirects, TLS through the system's trust store (built on first use)."""
    if not _OPENERS:
        _OPENERS.append(
            urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=tls_context()))
        )
    return _OPENERS[0]


def urllib_transport(request: HttpRequest) -> HttpResponse:
    """Send a request with urllib; an HTTP error status is an answer, a missing answer raises TransportError."""
    prepared = urllib.request.Request(
        request.url, data=request.body, headers=request.headers, method=request.method
    )
    try:
        with _opener().open(prepared, timeout=request.timeout) as answer:
            return HttpResponse(answer.status, answer.read(1_000_000))
    except urllib.error.HTTPError as error:
        try:
            body = error.read(REASON_LIMIT * 4)
        except (OSError, http.client.HTTPException):
            body = b""
        return HttpResponse(error.code, body)
    except urllib.error.URLError as error:
        raise TransportError(_connection_reason(error.reason)) from error
    except TimeoutError as error:
        raise TransportError("the LRS did not answer in time") from error
    except (OSError, http.client.HTTPException) as error:
        raise TransportError(_connection_reason(error)) from error


def _connection_reason(reason: object) -> str:
    """Say in words why there was no answer."""
    if isinstance(reason, TimeoutError):
        return "the LRS did not answer in time"
    if isinstance(reason, ConnectionRefusedError):
        return "the LRS refused the connection (is it running, and is the address right?)"
    if isinstance(reason, socket.gaierror):
        return "the LRS's address could not be found (offline, or a typing mistake?)"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return (
            "this computer does not trust the LRS's certificate "
            f"({reason.verify_message or reason}); ask the school's IT to install it in the system's store"
        )
    if isinstance(reason, ConnectionError | http.client.HTTPException):
        return "the connection to the LRS was cut"
    return f"no connection to the LRS ({reason})"


# ---------------------------------------------------------------- the outbox


def enqueue(store: ProgressStore, statements: Iterable[dict[str, Any]]) -> int:
    """Queue statements not queued before (matched on statement id); return how many were added."""
    rows = [
        (statement["id"], json.dumps(statement, ensure_ascii=False, separators=(",", ":")))
        for statement in statements
    ]
    return store.queue_statements(rows, datetime.now(UTC))


def enqueue_all(store: ProgressStore, packs: Sequence[Pack]) -> int:
    """Queue the statements of every profile on this computer; return how many were new."""
    added = 0
    for profile in store.profiles():
        added += enqueue(store, learner_statements(store, profile.id, packs))
    return added


def activity_fingerprint(store: ProgressStore) -> tuple[Any, ...]:
    """Sum up what statements depend on, so that a sync can skip enqueueing when nothing changed."""
    return store.activity_fingerprint()


@dataclass(frozen=True, slots=True)
class FailedStatement:
    """A statement the LRS refused, with its reason."""

    statement_id: str
    label: str
    reason: str


@dataclass(frozen=True, slots=True)
class OutboxStatus:
    """How many statements wait, were sent or failed; the last problem; when the next try is due."""

    queued: int
    sent: int
    failed: int
    last_error: str | None
    retry_at: datetime | None
    failures: tuple[FailedStatement, ...]

    def summary(self) -> str:
        """Say the state of the outbox in one line."""
        parts = [f"{self.queued} waiting", f"{self.sent} sent"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        text = ", ".join(parts) + "."
        if self.queued and self.last_error:
            text += f" Last try: {self.last_error}."
            if self.retry_at is not None:
                text += f" Next try at {self.retry_at.astimezone():%H:%M}."
        return text


def _label(statement_json: str) -> str:
    """Name a statement for people: its verb and what it is about."""
    try:
        statement = json.loads(statement_json)
        verb = next(iter(statement["verb"].get("display", {}).values()), statement["verb"]["id"])
        target = statement["object"]
        name = next(iter((target.get("definition") or {}).get("name", {}).values()), target["id"])
        return f"{verb} {name}"
    except (ValueError, KeyError, TypeError, AttributeError, StopIteration):
        return "a statement"


def outbox_status(store: ProgressStore, failures_shown: int = 20) -> OutboxStatus:
    """Count the outbox by status and list the latest failures."""
    counts = dict.fromkeys(Status, 0)
    for status, count in store.outbox_counts().items():
        counts[Status(status)] = count
    failed = store.outbox_failures(failures_shown)
    backoff = _backoff_state(store)
    return OutboxStatus(
        counts[Status.QUEUED],
        counts[Status.SENT],
        counts[Status.FAILED],
        backoff.get("error"),
        _parse(backoff.get("retry_at")),
        tuple(FailedStatement(entry.statement_id, _label(entry.statement_json), reason) for entry, reason in failed),
    )


def statement_status(store: ProgressStore, statement_id: str) -> tuple[Status, str | None] | None:
    """Return one statement's status and its last error, or None when it was never queued."""
    found = store.outbox_status(statement_id)
    return None if found is None else (Status(found[0]), found[1])


def retry_failed(store: ProgressStore) -> int:
    """Queue the failed statements again (after the teacher fixed something); return how many."""
    return store.requeue_failed()


# ---------------------------------------------------------------- sending


def backoff_delay(failures: int, rng: random.Random | None = None) -> float:
    """Return seconds to wait after ``failures`` failures in a row: doubling from BACKOFF_BASE, capped, with jitter.

    The delay is drawn between half and all of min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (failures - 1))
    ("equal jitter"), so many computers that lost the network together do not retry together.
    """
    if failures <= 0:
        return 0.0
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** min(failures - 1, 32))
    return float(ceiling / 2 + (rng or random.Random()).uniform(0, ceiling / 2))


@dataclass(frozen=True, slots=True)
class SendReport:
    """What one ``send_pending`` run did."""

    sent: int = 0
    failed: int = 0
    waiting: int = 0
    requests: int = 0
    error: str | None = None  # why the run stopped early (the outbox keeps the rest)
    retry_at: datetime | None = None  # when the next try is due after an error


def _backoff_state(store: ProgressStore) -> dict[str, Any]:
    state = store.get_setting(SETTING_BACKOFF, {})
    return state if isinstance(state, dict) else {}


def _parse(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def retry_due(store: ProgressStore, now: datetime | None = None) -> bool:
    """Tell whether the backoff allows a try now."""
    retry_at = _parse(_backoff_state(store).get("retry_at"))
    return retry_at is None or (now or datetime.now(UTC)) >= retry_at


class _Outcome(StrEnum):
    SENT = "sent"
    SPLIT = "split"  # send the batch again one statement at a time
    REFUSED = "refused"  # this one statement is refused for good
    RETRY = "retry"  # no answer or a passing problem: try later


def _reason(response: HttpResponse) -> str:
    """Read the LRS's explanation out of an error answer."""
    text = response.body[: REASON_LIMIT * 4].decode("utf-8", "replace").strip()
    try:
        detail = json.loads(text)
        if isinstance(detail, dict):
            text = str(detail.get("detail") or detail.get("message") or detail.get("error") or text)
    except ValueError:
        pass
    text = " ".join(text.split())
    return text[:REASON_LIMIT]


def _classify(response: HttpResponse, size: int, url: str) -> tuple[_Outcome, str]:
    """Decide what an answer means for the batch, with the reason in words."""
    status = response.status
    if status in (200, 204):
        return _Outcome.SENT, ""
    if status == 409:
        return (_Outcome.SENT, "") if size == 1 else (_Outcome.SPLIT, "")
    if status == 400:
        return (
            (_Outcome.SPLIT, "")
            if size > 1
            else (_Outcome.REFUSED, f"the LRS refused it (400): {_reason(response)}")
        )
    if status in (401, 403):
        return _Outcome.RETRY, f"the LRS refused the user name or password ({status})"
    if status == 404:
        return _Outcome.RETRY, f"there is no xAPI statements resource at {url} (404): check the endpoint"
    if 300 <= status < 400:
        return _Outcome.RETRY, f"the LRS address redirects elsewhere ({status}): enter the final address"
    if status == 413:
        return (_Outcome.SPLIT, "") if size > 1 else (_Outcome.REFUSED, "the LRS says it is too large (413)")
    if status == 429:
        return _Outcome.RETRY, "the LRS asked us to slow down (429)"
    if status >= 500:
        return _Outcome.RETRY, f"the LRS had a problem ({status}): {_reason(response)}".rstrip(": ")
    return _Outcome.RETRY, f"the LRS answered {status}: {_reason(response)}".rstrip(": ")


def _post(config: LrsConfig, transport: Transport, texts: Sequence[str]) -> HttpResponse:
    """POST statements (their stored JSON, byte for byte) as one array."""
    body = ("[" + ",".join(texts) + "]").encode("utf-8")
    return transport(HttpRequest("POST", config.statements_url, config.headers(), body, config.timeout))


def send_pending(
    store: ProgressStore,
    config: LrsConfig,
    transport: Transport = urllib_transport,
    *,
    now: Callable[[], datetime] | None = None,
    rng: random.Random | None = None,
    force: bool = False,
    max_requests: int | None = None,
) -> SendReport:
    """Send queued statements in batches until none wait or a try fails; return what happened.

    Honours the backoff unless ``force`` (the teacher pressed "Send now"). A statement is marked
    sent only after the LRS answered 200 or 204 (or 409 for it alone). On a failure the batch stays
    queued and the next try is postponed by ``backoff_delay``; the run stops there.
    """
    clock = now or (lambda: datetime.now(UTC))
    if not force and not retry_due(store, clock()):
        waiting = _count_queued(store)
        return SendReport(waiting=waiting, retry_at=_parse(_backoff_state(store).get("retry_at")))
    sent = failed = requests = 0
    after_seq = 0
    while max_requests is None or requests < max_requests:
        rows = store.queued_after(after_seq, max(config.batch_size, 1))
        if not rows:
            break
        # A refused statement (failed) is skipped next time round; a sent one is no longer queued.
        batches: list[list[OutboxEntry]] = [list(rows)]
        while batches and (max_requests is None or requests < max_requests):
            batch = batches.pop(0)
            requests += 1
            try:
                response = _post(config, transport, [entry.statement_json for entry in batch])
            except TransportError as error:
                return _postpone(store, batch, str(error), clock(), rng, sent, failed, requests)
            outcome, reason = _classify(response, len(batch), config.statements_url)
            if outcome is _Outcome.SENT:
                _mark(store, batch, Status.SENT, None, clock())
                sent += len(batch)
            elif outcome is _Outcome.SPLIT:
                batches = [[row] for row in batch] + batches
            elif outcome is _Outcome.REFUSED:
                _mark(store, batch, Status.FAILED, reason, clock())
                failed += len(batch)
            else:
                return _postpone(store, batch, reason, clock(), rng, sent, failed, requests)
        after_seq = rows[-1].seq
    if sent or failed:
        store.set_setting(SETTING_BACKOFF, {})
    return SendReport(sent, failed, _count_queued(store), requests)


def _count_queued(store: ProgressStore) -> int:
    return store.queued_count()


def _mark(
    store: ProgressStore, batch: Sequence[OutboxEntry], status: Status, reason: str | None, at: datetime
) -> None:
    """Record a batch's new status in one transaction."""
    store.mark_outbox([entry.statement_id for entry in batch], str(status), reason, at)


def _postpone(
    store: ProgressStore,
    batch: Sequence[OutboxEntry],
    reason: str,
    at: datetime,
    rng: random.Random | None,
    sent: int,
    failed: int,
    requests: int,
) -> SendReport:
    """Keep the batch queued with its reason and push the next try back; report the stop."""
    failures = int(_backoff_state(store).get("failures", 0) or 0) + 1
    retry_at = at + timedelta(seconds=backoff_delay(failures, rng))
    with store.batch():  # the batch's tries and the backoff are kept together, or neither
        store.mark_outbox([entry.statement_id for entry in batch], str(Status.QUEUED), reason, at)
        store.set_setting(
            SETTING_BACKOFF,
            {"failures": failures, "retry_at": to_stamp(retry_at), "error": reason, "at": to_stamp(at)},
        )
    return SendReport(sent, failed, _count_queued(store), requests, reason, retry_at)


def sync(
    path: Path | str,
    packs: Sequence[Pack],
    config: LrsConfig,
    transport: Transport = urllib_transport,
    *,
    force: bool = False,
    enqueue_first: bool = True,
) -> SendReport:
    """Open the progress file on this thread, queue new statements and send: what the sync worker runs."""
    try:
        with ProgressStore.open(path) as store:
            if enqueue_first:
                enqueue_all(store, packs)
            return send_pending(store, config, transport, force=force)
    except ProgressError as error:
        return SendReport(error=str(error))


# ---------------------------------------------------------------- settings and credentials

#: Passwords kept for this session only, when no keyring can hold them: (endpoint, user) -> password.
_SESSION_PASSWORDS: dict[tuple[str, str], str] = {}


class KeyringBackend(Protocol):
    """The part of a ``keyring`` backend used here."""

    def get_password(self, service: str, username: str) -> str | None: ...

    def set_password(self, service: str, username: str, password: str) -> None: ...

    def delete_password(self, service: str, username: str) -> None: ...


#: keyring backends that keep secrets in an operating-system service, by module, with the name the
#: dialog gives them. Anything else (keyrings.alt's PlaintextKeyring, its EncryptedKeyring and other
#: file backends, a registry, an unknown plug-in) counts as no keyring: a password "in the keyring"
#: that sits base64-encoded in a file would be a lie.
TRUSTED_KEYRINGS = {
    "keyring.backends.SecretService": "the system keyring (Secret Service)",
    "keyring.backends.libsecret": "the system keyring (libsecret)",
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.macOS": "the macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Manager",
}


def keyring_name(backend: object) -> str | None:
    """Name a trusted keyring backend for people, or None when it is not one of TRUSTED_KEYRINGS."""
    module = type(backend).__module__
    for prefix, name in TRUSTED_KEYRINGS.items():
        if module == prefix or module.startswith(prefix + "."):
            return name
    return None


def _untrusted_reason(backend: object) -> str:
    kind = type(backend)
    label = f"{kind.__module__}.{kind.__name__}"
    if kind.__module__.startswith("keyring.backends.null"):
        return "the keyring is switched off"
    return f"the only keyring available ({label}) keeps passwords in a file, not in a system keyring"


def system_keyring() -> tuple[KeyringBackend | None, str]:
    """Return the operating system's keyring backend, or None and why there is no usable one.

    Only a backend of TRUSTED_KEYRINGS counts. From a chain of backends, the first trusted one is
    used on its own, so the password lands where the dialog says (a chain stores it in the first
    backend that accepts it, which may be a file)."""
    try:
        import keyring
        from keyring.backends import chainer, fail
    except ImportError:
        return None, "the keyring package is not installed"
    try:
        backend = keyring.get_keyring()
    except Exception as error:  # a broken keyring configuration can raise anything
        return None, f"the keyring could not be opened ({error})"
    if isinstance(backend, fail.Keyring):
        return None, "this computer has no keyring service"
    if isinstance(backend, chainer.ChainerBackend):
        try:
            chained = list(backend.backends)
        except Exception as error:
            return None, f"the keyring could not be opened ({error})"
        trusted = [item for item in chained if keyring_name(item) is not None]
        if trusted:
            return trusted[0], ""
        if not chained:
            return None, "this computer has no keyring service"
        return None, _untrusted_reason(chained[0])
    if keyring_name(backend) is None:
        return None, _untrusted_reason(backend)
    return backend, ""


class CredentialStore:
    """Keeps the LRS password in the system keyring, or in memory for this session when there is none."""

    def __init__(self, backend: KeyringBackend | None = None, *, use_system: bool = True) -> None:
        self.reason = ""
        if backend is None and use_system:
            backend, self.reason = system_keyring()
        elif backend is None:
            self.reason = "no keyring was given"
        self.backend = backend

    @property
    def persistent(self) -> bool:
        """Tell whether passwords outlive this session (a keyring holds them)."""
        return self.backend is not None

    @property
    def backend_name(self) -> str:
        """Name the keyring that holds the password, for the dialog ("" when none does)."""
        if self.backend is None:
            return ""
        return keyring_name(self.backend) or "the keyring given to Unspun"

    @staticmethod
    def _account(endpoint: str, username: str) -> str:
        return f"{username}@{endpoint.strip()}"

    def save(self, endpoint: str, username: str, password: str) -> bool:
        """Store the password; return True when the keyring holds it, False when only this session does."""
        key = (endpoint.strip(), username)
        if self.backend is not None:
            try:
                self.backend.set_password(KEYRING_SERVICE, self._account(endpoint, username), password)
                _SESSION_PASSWORDS.pop(key, None)
                return True
            except Exception as error:  # keyring backends raise their own errors (locked, dbus, ...)
                self.reason = f"the keyring refused to store it ({error})"
                self.backend = None
        _SESSION_PASSWORDS[key] = password
        return False

    def load(self, endpoint: str, username: str) -> str | None:
        """Return the stored password, or None."""
        key = (endpoint.strip(), username)
        if key in _SESSION_PASSWORDS:
            return _SESSION_PASSWORDS[key]
        if self.backend is None:
            return None
        try:
            return self.backend.get_password(KEYRING_SERVICE, self._account(endpoint, username))
        except Exception:  # an unreadable keyring is the same as no password saved
            return None

    def forget(self, endpoint: str, username: str) -> None:
        """Remove the password from the keyring and from memory."""
        _SESSION_PASSWORDS.pop((endpoint.strip(), username), None)
        if self.backend is not None:
            # Nothing stored, or the keyring is locked: there is nothing more to do either way.
            with contextlib.suppress(Exception):
                self.backend.delete_password(KEYRING_SERVICE, self._account(endpoint, username))


@dataclass(frozen=True, slots=True)
class LrsSettings:
    """What the settings dialog shows: endpoint, user name, on or off (the password lives elsewhere)."""

    endpoint: str = ""
    username: str = ""
    enabled: bool = False


def load_settings(store: ProgressStore) -> LrsSettings:
    """Read the LRS settings from the progress file."""
    endpoint = store.get_setting(SETTING_ENDPOINT, "")
    username = store.get_setting(SETTING_USERNAME, "")
    enabled = store.get_setting(SETTING_ENABLED, False)
    return LrsSettings(
        endpoint if isinstance(endpoint, str) else "",
        username if isinstance(username, str) else "",
        enabled is True,
    )


def save_settings(store: ProgressStore, settings: LrsSettings) -> None:
    """Write the LRS settings (never the password) to the progress file."""
    store.set_setting(SETTING_ENDPOINT, settings.endpoint.strip())
    store.set_setting(SETTING_USERNAME, settings.username)
    store.set_setting(SETTING_ENABLED, settings.enabled)


def load_config(store: ProgressStore, credentials: CredentialStore) -> LrsConfig | None:
    """Build the config from the saved settings and password; None when sending is off or incomplete."""
    settings = load_settings(store)
    if not settings.enabled or endpoint_problem(settings.endpoint) is not None:
        return None
    password = credentials.load(settings.endpoint, settings.username)
    if password is None:
        return None
    try:
        return make_config(settings.endpoint, settings.username, password)
    except LrsError:
        return None
