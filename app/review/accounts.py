"""Reviewer accounts: Argon2 passwords, one-time set-up links, server-side sessions, API tokens, CSRF tokens.

Secrets never reach the database in the clear: a session cookie, a set-up link and an API token are random
tokens of which only the sha256 is stored. Nothing here logs an e-mail address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from archive.errors import ConflictError, InvalidParameterError, NotFoundError
from archive.models import ReviewApiToken, ReviewAudit, ReviewSession, ReviewUser, utcnow
from archive.settings import Settings

ROLES = ("reviewer", "admin")
SETUP_LINK_HOURS = 48
MIN_PASSWORD = 12
_hasher = PasswordHasher()
# Verified when the e-mail address is unknown, so that a wrong address costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise InvalidParameterError("not an e-mail address")
    return email


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidParameterError(f"a password needs at least {MIN_PASSWORD} characters")


def audit(session: Session, kind: str, *, user_id: int | None = None, ruling_id: int | None = None,
          detail: str = "") -> None:
    """One line in the audit log: who, when, which ruling, what kind of change. Codes and ids only."""
    session.add(ReviewAudit(user_id=user_id, ruling_id=ruling_id, kind=kind, detail=detail[:200]))


# --- users ---------------------------------------------------------------------------------------------------------

def add_user(session: Session, email: str, role: str, password: str | None) -> tuple[ReviewUser, str | None]:
    """A new account; with a password, or else a one-time set-up token (returned, valid 48 hours)."""
    if role not in ROLES:
        raise InvalidParameterError(f"role must be one of {', '.join(ROLES)}")
    email = normalise_email(email)
    if session.scalar(select(ReviewUser).where(ReviewUser.email == email)) is not None:
        raise ConflictError("an account with this address exists")
    user = ReviewUser(email=email, role=role, disabled=False, failed_logins=0)
    token = None
    if password is not None:
        check_password_strength(password)
        user.password_hash = _hasher.hash(password)
    else:
        token = secrets.token_urlsafe(32)
        user.setup_token_hash = sha256(token)
        user.setup_expires_at = utcnow() + timedelta(hours=SETUP_LINK_HOURS)
    session.add(user)
    session.flush()
    audit(session, "user_add", user_id=user.id, detail=f"role={role}")
    return user, token


def find_user(session: Session, email: str) -> ReviewUser:
    user = session.scalar(select(ReviewUser).where(ReviewUser.email == normalise_email(email)))
    if user is None:
        raise NotFoundError("no such account")
    return user


def set_disabled(session: Session, email: str, disabled: bool = True) -> ReviewUser:
    user = find_user(session, email)
    user.disabled = disabled
    if disabled:  # every session and token of the account ends now
        session.execute(delete(ReviewSession).where(ReviewSession.user_id == user.id))
        for token in session.scalars(select(ReviewApiToken).where(ReviewApiToken.user_id == user.id)):
            token.revoked = True
    audit(session, "user_disable" if disabled else "user_enable", user_id=user.id)
    return user


def use_setup_token(session: Session, token: str, password: str) -> ReviewUser | None:
    """Set the password of the account whose one-time link this is; None for an unknown or expired link."""
    user = session.scalar(select(ReviewUser).where(ReviewUser.setup_token_hash == sha256(token)))
    if user is None or user.disabled or _aware(user.setup_expires_at) < utcnow():
        return None
    check_password_strength(password)
    user.password_hash = _hasher.hash(password)
    user.setup_token_hash = None
    user.setup_expires_at = None
    audit(session, "password_set", user_id=user.id)
    return user


def _aware(value: datetime | None) -> datetime:
    if value is None:
        return datetime.min.replace(tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite returns naive datetimes


def verify_login(session: Session, email: str, password: str) -> ReviewUser | None:
    """The account, if the address and password match an enabled account; None otherwise (whatever the reason,
    and in about the same time, so that the answer does not tell whether the address has an account)."""
    try:
        address = normalise_email(email)
    except InvalidParameterError:
        address = ""
    user = session.scalar(select(ReviewUser).where(ReviewUser.email == address)) if address else None
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    ok: bool
    try:
        ok = _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if user is None or stored is _DUMMY_HASH:
        return None
    if not ok or user.disabled:
        user.failed_logins = (user.failed_logins or 0) + 1
        audit(session, "login_failed", user_id=user.id)
        return None
    if _hasher.check_needs_rehash(stored):
        user.password_hash = _hasher.hash(password)
    user.failed_logins = 0
    user.last_login_at = utcnow()
    audit(session, "login", user_id=user.id)
    return user


# --- sessions ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Principal:
    """Who is acting: from a session (``csrf`` set) or an API token (``csrf`` None)."""

    user_id: int
    email: str
    role: str
    csrf: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def start_session(session: Session, user: ReviewUser) -> str:
    """A new session for ``user``; returns the cookie value (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    session.add(ReviewSession(id=sha256(token), user_id=user.id, csrf=secrets.token_urlsafe(24),
                              created_at=utcnow(), last_seen_at=utcnow()))
    return token


def session_principal(session: Session, token: str, settings: Settings) -> Principal | None:
    """The principal of a session cookie, if the session exists, its account is enabled and it has not expired
    (idle or absolute); an expired session is deleted."""
    row = session.get(ReviewSession, sha256(token))
    if row is None:
        return None
    now = utcnow()
    expired = (_aware(row.last_seen_at) + timedelta(minutes=settings.session_idle_minutes) < now
               or _aware(row.created_at) + timedelta(hours=settings.session_max_hours) < now)
    if expired or row.user.disabled:
        session.delete(row)
        return None
    if now - _aware(row.last_seen_at) > timedelta(seconds=30):
        row.last_seen_at = now
    return Principal(row.user_id, row.user.email, row.user.role, row.csrf)


def end_session(session: Session, token: str) -> None:
    session.execute(delete(ReviewSession).where(ReviewSession.id == sha256(token)))


# --- API tokens ----------------------------------------------------------------------------------------------------

TOKEN_PREFIX = "rat_"


def create_token(session: Session, email: str, name: str = "") -> str:
    user = find_user(session, email)
    if user.disabled:
        raise ConflictError("the account is disabled")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ReviewApiToken(user_id=user.id, name=name[:80], token_hash=sha256(token), prefix=token[:10],
                               revoked=False))
    audit(session, "token_create", user_id=user.id)
    return token


def token_principal(session: Session, token: str) -> Principal | None:
    row = session.scalar(select(ReviewApiToken).where(ReviewApiToken.token_hash == sha256(token)))
    if row is None or row.revoked or row.user.disabled:
        return None
    if row.last_used_at is None or utcnow() - _aware(row.last_used_at) > timedelta(minutes=1):
        row.last_used_at = utcnow()
    return Principal(row.user_id, row.user.email, row.user.role)


def revoke_tokens(session: Session, email: str) -> int:
    user = find_user(session, email)
    rows = list(session.scalars(select(ReviewApiToken).where(ReviewApiToken.user_id == user.id,
                                                             ReviewApiToken.revoked.is_(False))))
    for row in rows:
        row.revoked = True
    audit(session, "token_revoke", user_id=user.id, detail=f"count={len(rows)}")
    return len(rows)


# --- signed tokens for forms without a session (login, "Meld een fout") ---------------------------------------------

FORM_TOKEN_MAX_AGE_S = 4 * 3600


def review_secret(settings: Settings) -> bytes:
    """The key that signs form tokens: configured, or generated once and kept in the data dir (0600)."""
    if settings.review_secret:
        return settings.review_secret.encode()
    path = settings.data_dir / "review.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(secrets.token_urlsafe(32))
        tmp.chmod(0o600)
        tmp.replace(path)
    return path.read_text().strip().encode()


def signed_token(secret: bytes, purpose: str, now: float | None = None) -> str:
    ts = str(int(now if now is not None else time.time()))
    mac = hmac.new(secret, f"{purpose}|{ts}".encode(), hashlib.sha256).hexdigest()[:32]
    return f"{ts}.{mac}"


def check_signed_token(secret: bytes, purpose: str, token: str, max_age_s: int = FORM_TOKEN_MAX_AGE_S) -> bool:
    ts, _, mac = (token or "").partition(".")
    if not ts.isdigit() or not mac:
        return False
    if not 0 <= time.time() - int(ts) <= max_age_s:
        return False
    expected = hmac.new(secret, f"{purpose}|{ts}".encode(), hashlib.sha256).hexdigest()[:32]
    return hmac.compare_digest(expected, mac)
