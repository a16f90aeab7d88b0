"""Who a learner is in xAPI statements: a school identity when the learner gave one, else an anonymous profile.

A school identity is what a school's LMS or LRS can link to a student account (xAPI 1.0.3,
"Inverse Functional Identifier"):

- an **account**: the ``homePage`` of the school's system (its LMS address, a URL the school
  chooses) and the ``name`` the student has there (login or student number); or
- an **email**: sent as ``mbox`` (``mailto:…``), or only as its SHA-1 (``mbox_sha1sum``) when the
  learner prefers the address itself not to leave the computer.

Without one, the actor is the profile's anonymous account: ``homePage`` ``ANONYMOUS_HOME`` (an
``https`` URL under the reserved ``.invalid`` domain, RFC 6761: it names no real system and never
resolves) and the profile's random UUID as ``name``. Files written before used
``urn:unspun:profile``; those are still read (``LEGACY_HOMES``).

The actor's ``name`` is the profile's name only when the learner typed it: a profile still
called by the default name sends none. Every statement also carries the profile's UUID in a
context extension, so an import still finds the same learner whatever identity the actor uses.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

#: the anonymous profile account's homePage (see the module docstring)
ANONYMOUS_HOME = "https://unspun.invalid/profile"
#: the homePage of profile accounts in files written before school identities
LEGACY_HOMES = ("urn:unspun:profile",)
ANONYMOUS_HOMES = (ANONYMOUS_HOME, *LEGACY_HOMES)
#: the context extension holding the profile's UUID
PROFILE_EXTENSION = "urn:unspun:xapi:extension:profile"
MAX_ACCOUNT_NAME = 200

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)
_SHA1 = re.compile(r"^[0-9a-f]{40}$")


class IdentityError(ValueError):
    """A school identity that cannot be used; the message says what to change."""


@dataclass(frozen=True, slots=True)
class SchoolIdentity:
    """A learner's identity at school: an account (home page and name) or an email address."""

    home_page: str = ""
    account_name: str = ""
    email: str = ""
    #: send only the SHA-1 of the address (mbox_sha1sum), not the address itself
    hash_email: bool = False

    @property
    def kind(self) -> str:
        """``account`` or ``email``."""
        return "email" if self.email else "account"

    def inverse_identifier(self) -> dict[str, Any]:
        """The actor's identifying field: ``account``, ``mbox`` or ``mbox_sha1sum``."""
        if self.email:
            mailto = f"mailto:{self.email}"
            if self.hash_email:
                return {"mbox_sha1sum": hashlib.sha1(mailto.encode("utf-8")).hexdigest()}
            return {"mbox": mailto}
        return {"account": {"homePage": self.home_page, "name": self.account_name}}

    def label(self) -> str:
        """What a teacher's gradebook shows for this learner: the login or the email (or its hash)."""
        if self.email:
            return self.inverse_identifier().get("mbox_sha1sum") or self.email
        return self.account_name

    def to_json(self) -> dict[str, Any]:
        """The identity as stored with the profile's settings."""
        return {"home_page": self.home_page, "account_name": self.account_name, "email": self.email,
                "hash_email": self.hash_email}

    @classmethod
    def from_json(cls, value: Any) -> SchoolIdentity | None:
        """Read a stored identity, or None when it is missing or no longer valid."""
        if not isinstance(value, dict):
            return None
        try:
            return make_identity(
                home_page=str(value.get("home_page") or ""),
                account_name=str(value.get("account_name") or ""),
                email=str(value.get("email") or ""),
                hash_email=bool(value.get("hash_email")),
            )
        except IdentityError:
            return None


def valid_home_page(url: str) -> bool:
    """Whether ``url`` can be an account's homePage: an http or https URL with a host."""
    return _URL.match(url.strip()) is not None


def make_identity(*, home_page: str = "", account_name: str = "", email: str = "",
                  hash_email: bool = False) -> SchoolIdentity:
    """Check and build a school identity from what the learner (or a class file) gave."""
    home_page, account_name, email = home_page.strip(), " ".join(account_name.split()), email.strip()
    if email:
        if not _EMAIL.match(email) or len(email) > 254:
            raise IdentityError("That email address does not look right (it needs a name, an @ and a domain).")
        return SchoolIdentity(email=email, hash_email=hash_email)
    if not account_name:
        raise IdentityError("Enter your school login or student number, or an email address.")
    if len(account_name) > MAX_ACCOUNT_NAME:
        raise IdentityError(f"A school login can be at most {MAX_ACCOUNT_NAME} characters long.")
    if not valid_home_page(home_page):
        raise IdentityError("The school's address must be a web address starting with https:// (or http://).")
    return SchoolIdentity(home_page=home_page, account_name=account_name)


def actor(display_name: str | None, profile_uuid: str, identity: SchoolIdentity | None) -> dict[str, Any]:
    """The xAPI Agent for a profile: its school identity when set, else its anonymous account."""
    agent: dict[str, Any] = {"objectType": "Agent"}
    if display_name:
        agent["name"] = display_name
    if identity is not None:
        agent.update(identity.inverse_identifier())
    else:
        agent["account"] = {"homePage": ANONYMOUS_HOME, "name": profile_uuid}
    return agent


def actor_problems(agent: Any) -> list[str]:
    """How an actor breaks xAPI's rule of exactly one well-formed identifier (account, mbox, mbox_sha1sum)."""
    identifiers = [key for key in ("mbox", "mbox_sha1sum", "openid", "account") if key in agent]
    if len(identifiers) != 1 or identifiers[0] == "openid":
        return ["actor must be identified by exactly one account, mbox or mbox_sha1sum"]
    key = identifiers[0]
    value = agent[key]
    if key == "mbox":
        if not isinstance(value, str) or not value.startswith("mailto:") or not _EMAIL.match(value[7:]):
            return ["actor.mbox must be a mailto: address"]
    elif key == "mbox_sha1sum":
        if not isinstance(value, str) or not _SHA1.match(value):
            return ["actor.mbox_sha1sum must be 40 lowercase hex digits"]
    elif not isinstance(value, dict) or not all(
        isinstance(value.get(part), str) and value[part] for part in ("homePage", "name")
    ):
        return ["actor.account needs homePage and name"]
    return []


def learner_key(agent: dict[str, Any]) -> str:
    """One string per learner, whatever identifier the actor uses (for grouping statements)."""
    if "mbox" in agent:
        return "mbox:" + str(agent["mbox"]).lower()
    if "mbox_sha1sum" in agent:
        return "mbox_sha1sum:" + str(agent["mbox_sha1sum"])
    account = agent.get("account") or {}
    home, name = str(account.get("homePage", "")), str(account.get("name", ""))
    return name if home in ANONYMOUS_HOMES else f"account:{home} {name}"


def learner_label(agent: dict[str, Any]) -> str:
    """What identifies the learner to a school: the account name, the email, its hash, or the profile UUID."""
    if "mbox" in agent:
        return str(agent["mbox"])[len("mailto:") :]
    if "mbox_sha1sum" in agent:
        return str(agent["mbox_sha1sum"])
    return str((agent.get("account") or {}).get("name", ""))


def identity_from_actor(agent: dict[str, Any]) -> SchoolIdentity | None:
    """The school identity an actor carries, or None for an anonymous profile account or a hashed email."""
    if isinstance(agent.get("mbox"), str):
        return SchoolIdentity(email=agent["mbox"][len("mailto:") :])
    account = agent.get("account")
    if isinstance(account, dict) and account.get("homePage") not in ANONYMOUS_HOMES:
        try:
            return make_identity(home_page=str(account.get("homePage")), account_name=str(account.get("name")))
        except IdentityError:
            return None
    return None


def profile_uuid_of(statement: dict[str, Any]) -> str | None:
    """The profile UUID a statement names: its context extension, else an anonymous account's name."""
    extensions = (statement.get("context") or {}).get("extensions") or {}
    value = extensions.get(PROFILE_EXTENSION) if isinstance(extensions, dict) else None
    if isinstance(value, str) and value:
        return value
    account = statement.get("actor", {}).get("account") or {}
    if account.get("homePage") in ANONYMOUS_HOMES and isinstance(account.get("name"), str):
        return str(account["name"])
    return None


@dataclass(frozen=True, slots=True)
class ClassMembership:
    """The class a profile joined (``docs/class-file.md``): statements from ``joined_at`` on carry ``registration``."""

    class_name: str
    registration: str
    joined_at: str  # ISO 8601 UTC, as statement timestamps are written
    home_page: str = ""

    def to_json(self) -> dict[str, Any]:
        """The membership as stored with the profile's settings."""
        return {"class_name": self.class_name, "registration": self.registration, "joined_at": self.joined_at,
                "home_page": self.home_page}

    @classmethod
    def from_json(cls, value: Any) -> ClassMembership | None:
        """Read a stored membership, or None when it is missing or damaged."""
        if not isinstance(value, dict):
            return None
        name, registration, joined = (value.get(key) for key in ("class_name", "registration", "joined_at"))
        if not (isinstance(name, str) and isinstance(registration, str) and isinstance(joined, str)):
            return None
        if not (name and registration and joined):
            return None
        home = value.get("home_page")
        return cls(name, registration, joined, home_page=home if isinstance(home, str) else "")
