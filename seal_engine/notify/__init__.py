"""Sending the e-mail notices that are due (``seal notify``; see ``docs/notices.md``).

What is due, and the record that each notice goes out once, are the store's
(:mod:`seal_engine.store.notices`); this module writes each notice in its recipient's language
(the Message catalogue, :mod:`seal_engine.messages.notices`) and hands it to the mail server
named by the ``SEAL_SMTP_*`` settings.  Every notice is claimed in the database before it is
sent, so two runs at once (cron overlapping itself, two servers) never send one twice, and a run
repeated sends nothing new.  Nothing here prints or exits: :func:`send_notices` returns a report.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from ..errors import Problem, SealError
from ..messages import Ids, Message, pct, render_message, say
from ..settings import get_setting

__all__ = ["NotifyReport", "SmtpSettings", "compose", "send_notices", "smtp_settings"]

SECURITY = ("starttls", "tls", "none")


@dataclass(frozen=True)
class SmtpSettings:
    """Where notices are sent from: read from ``SEAL_SMTP_*`` by :func:`smtp_settings`."""

    host: str
    port: int
    sender: str
    security: str = "starttls"
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0


def smtp_settings() -> SmtpSettings:
    """The mail server from the environment; :class:`SealError` naming each setting missing or
    wrong."""
    problems = []
    host = get_setting("SEAL_SMTP_HOST").strip()
    sender = get_setting("SEAL_SMTP_FROM").strip()
    security = get_setting("SEAL_SMTP_SECURITY").strip().lower()
    port_text = get_setting("SEAL_SMTP_PORT").strip()
    if not host:
        problems.append(Problem(say("notify.no_host"), field="SEAL_SMTP_HOST"))
    if not sender:
        problems.append(Problem(say("notify.no_sender"), field="SEAL_SMTP_FROM"))
    if security not in SECURITY:
        problems.append(Problem(say("notify.bad_security", choices=Ids(items=list(SECURITY)),
                                    got=repr(security)), field="SEAL_SMTP_SECURITY"))
    try:
        port = int(port_text)
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        problems.append(Problem(say("notify.bad_port", got=repr(port_text)),
                                field="SEAL_SMTP_PORT"))
        port = 0
    if problems:
        raise SealError(problems)
    return SmtpSettings(host, port, sender, security, get_setting("SEAL_SMTP_USER"),
                        get_setting("SEAL_SMTP_PASSWORD"))


@dataclass
class NotifyReport:
    """What a run did: notices sent, failed (tried again next run), skipped because another
    run has them."""

    sent: list[tuple[str, str, str]] = field(default_factory=list)
    pending: list[tuple[str, str, str]] = field(default_factory=list)
    """What a dry run found due: kind, subject, address."""
    failed: list[tuple[str, str, str, str]] = field(default_factory=list)
    skipped: int = 0
    due: int = 0


def _params(kind: str, params: dict) -> dict:
    out = dict(params)
    for key in ("valid_until", "due"):
        if isinstance(out.get(key), str):
            out[key] = dt.date.fromisoformat(out[key])
    if "level" in out:
        out["level"] = str(out["level"]).replace("_", " ").capitalize()
    if "progress" in out:
        out["progress"] = pct(out["progress"], 0)
    if kind.startswith("certificate.expiring"):
        out["n"] = out.get("days", 0)
    return out


def compose(notice, lang: str, sender: str, link: str = "") -> EmailMessage:
    """The e-mail of a :class:`~seal_engine.store.notices.DueNotice` in ``lang``."""
    params = _params(notice.kind, notice.params)

    def words(m: Message) -> str:
        return render_message(m, lang=lang)

    subject = words(say(f"notice.{notice.kind}.subject", **params))
    body = [words(say("notice.greeting", name=notice.name)), "",
            words(say(f"notice.{notice.kind}.body", **params)), ""]
    if link:
        body += [words(say("notice.link", link=link)), ""]
    body += [words(say("notice.signature")), "", "--", words(say("notice.why"))]
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = formataddr((notice.name, notice.email))
    msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip("> ") or None)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content("\n".join(body) + "\n")
    msg["Content-Language"] = lang  # after the content, which sets the Content-* headers
    return msg


def _language(store, user_id: str) -> str:
    from ..messages import resolve_language
    from ..store import SYSTEM, get_preferences

    try:
        prefs = get_preferences(store, SYSTEM, user_id)
    except SealError:
        return "en"
    lang = getattr(prefs, "language", None)
    return resolve_language(lang, environ={}) if lang else "en"


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    if smtp.security == "tls":
        client: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout,
                                                context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        if smtp.security == "starttls":
            client.starttls(context=ssl.create_default_context())
    if smtp.user:
        client.login(smtp.user, smtp.password)
    return client


def send_notices(store, smtp: SmtpSettings | None = None, *, today: dt.date | None = None,
             dry_run: bool = False) -> NotifyReport:
    """Send every notice due and not sent yet (``dry_run``: only list them).  Each is claimed
    before it is sent and marked sent or failed after; one audit entry counts the run."""
    from ..store import SYSTEM
    from ..store.notices import claim_notice, due_notices, finish_notice, record_run

    due = due_notices(store, SYSTEM, today)
    report = NotifyReport(due=len(due))
    if dry_run or not due:
        report.pending = [(n.kind, n.subject, n.email) for n in due]
        return report
    smtp = smtp or smtp_settings()
    link = get_setting("SEAL_PUBLIC_URL").strip()
    client = None
    try:
        for n in due:
            if not claim_notice(store, n.kind, n.subject, n.recipient_id):
                report.skipped += 1
                continue
            try:
                msg = compose(n, _language(store, n.recipient_id), smtp.sender, link)
                if client is None:
                    client = _connect(smtp)
                client.send_message(msg)
            except Exception as e:  # noqa: BLE001 - recorded as failed, tried again next run
                finish_notice(store, n.kind, n.subject, n.recipient_id, error=str(e) or
                              type(e).__name__)
                report.failed.append((n.kind, n.subject, n.email, str(e) or type(e).__name__))
                if client is not None and not isinstance(e, (smtplib.SMTPResponseException,
                                                             smtplib.SMTPRecipientsRefused)):
                    client.close()  # the connection itself failed: a new one next time
                    client = None
                continue
            finish_notice(store, n.kind, n.subject, n.recipient_id)
            report.sent.append((n.kind, n.subject, n.email))
    finally:
        if client is not None:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                pass
        record_run(store, len(report.sent), len(report.failed))
    return report
