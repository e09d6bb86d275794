"""Email delivery rules: which failures pass, how long to wait, the stable Message-ID."""

from __future__ import annotations

import hashlib
import smtplib
from dataclasses import dataclass


@dataclass(frozen=True)
class SendFailure:
    permanent: bool
    reason: str


def retry_delay(attempt: int, first: float, longest: float, jitter: float) -> float:
    """Seconds to wait after the `attempt`-th failed try (1, 2, …).

    The wait doubles from `first` up to `longest`; `jitter` (0 ≤ jitter < 1, random
    in production) spreads it over its upper half, so that emails that failed
    together do not all come back at the same moment.
    """
    base = min(longest, first * 2 ** max(0, attempt - 1))
    return base * (0.5 + jitter / 2)


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode(errors="replace") if isinstance(message, bytes) else str(message)
    return f"{code} {text}".strip()[:300]


def classify_failure(exc: BaseException) -> SendFailure | None:
    """Whether a failed send may succeed later.

    Connection refused or reset, timeouts and 4xx replies pass; a 5xx reply about
    the recipient or the message does not. A 5xx about the sender, the greeting
    or the login is the installation's settings, not the recipient: retried, so
    that fixing the settings sends everything. Anything else is a bug: None.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(exc.recipients.values()), (450, b"refused"))
        return SendFailure(permanent=code >= 500, reason=_reply(code, message))
    if isinstance(exc, smtplib.SMTPDataError):
        return SendFailure(
            permanent=exc.smtp_code >= 500, reason=_reply(exc.smtp_code, exc.smtp_error)
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return SendFailure(permanent=False, reason=_reply(exc.smtp_code, exc.smtp_error))
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return SendFailure(permanent=False, reason="timed out waiting for the mail server")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return SendFailure(permanent=False, reason="the mail server closed the connection")
    if isinstance(exc, ConnectionRefusedError):
        return SendFailure(permanent=False, reason="the mail server refused the connection")
    if isinstance(exc, (OSError, smtplib.SMTPException)):
        return SendFailure(permanent=False, reason=f"{type(exc).__name__}: {exc}"[:300])
    return None


def message_id(notification_id: int, recipient: str, domain: str) -> str:
    """The same Message-ID for every try of one notification to one address, so a
    copy sent again after a crash at the worst moment is recognisably the same."""
    digest = hashlib.sha256(f"{notification_id}:{recipient.strip().lower()}".encode()).hexdigest()
    return f"<peerpath.{notification_id}.{digest[:20]}@{domain}>"
