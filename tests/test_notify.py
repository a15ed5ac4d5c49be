"""E-mail notices against a local SMTP server started by the test (a small server on asyncio
streams: EHLO, MAIL, RCPT, DATA, QUIT): what is due goes out once, run twice or at once; users
who turned notices off get none; a failed send is tried again; the texts come from the catalogue
in the recipient's language; seal notify from the command line."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import threading

import pytest

import seal_engine.store as st
from seal_engine.errors import SealError
from seal_engine.notify import SmtpSettings, compose, send_notices, smtp_settings


class SmtpServer:
    """A minimal SMTP server in a thread, keeping every message it accepts; ``refuse`` lists
    recipients it answers 550 for."""

    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse: set[str] = set()
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        self.ready.wait(10)

    def _run(self):
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(
            asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = self.server.sockets[0].getsockname()[1]
        self.ready.set()
        self.loop.run_forever()

    async def _client(self, reader, writer):
        def say(line: str):
            writer.write(line.encode() + b"\r\n")

        say("220 test SMTP ready")
        sender, rcpts = "", []
        while True:
            raw = await reader.readline()
            if not raw:
                break
            line = raw.decode().rstrip("\r\n")
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                say("250-test" if verb == "EHLO" else "250 test")
                if verb == "EHLO":
                    say("250 8BITMIME")
            elif verb == "MAIL":
                sender, rcpts = line.split(":", 1)[1].strip().strip("<>").split(">")[0], []
                say("250 ok")
            elif verb == "RCPT":
                to = line.split(":", 1)[1].strip().strip("<>").split(">")[0]
                if to in self.refuse:
                    say("550 no such mailbox")
                else:
                    rcpts.append(to)
                    say("250 ok")
            elif verb == "DATA":
                say("354 end with .")
                await writer.drain()
                body = b""
                while True:
                    chunk = await reader.readline()
                    if chunk in (b".\r\n", b".\n") or not chunk:
                        break
                    body += chunk[1:] if chunk.startswith(b"..") else chunk
                self.messages.append((sender, rcpts, body))
                say("250 queued")
            elif verb == "RSET":
                sender, rcpts = "", []
                say("250 ok")
            elif verb == "NOOP":
                say("250 ok")
            elif verb == "QUIT":
                say("221 bye")
                break
            else:
                say("502 not implemented")
            await writer.drain()
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    def close(self):
        async def stop():
            self.server.close()
            await self.server.wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()

    def parsed(self):
        return [email.message_from_bytes(body, policy=email.policy.default)
                for _s, _r, body in self.messages]


@pytest.fixture
def smtp(monkeypatch):
    server = SmtpServer()
    monkeypatch.setenv("SEAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SEAL_SMTP_PORT", str(server.port))
    monkeypatch.setenv("SEAL_SMTP_SECURITY", "none")
    monkeypatch.setenv("SEAL_SMTP_FROM", "Gender Equality Seal <seal@example.org>")
    monkeypatch.setenv("SEAL_PUBLIC_URL", "https://seal.example.org")
    yield server
    server.close()


def test_run_twice_sends_each_notice_once(demo_store, smtp):
    first = send_notices(demo_store)
    assert first.sent and not first.failed
    assert len(smtp.messages) == len(first.sent) == first.due
    kinds = {k for k, _s, _e in first.sent}
    # the demo: the Ministry's 2025 assessment sent back and its 2024 one certified (the
    # Highlands' refusal has no focal point to tell; imported states were never transitions)
    assert kinds == {"assessment.changes_requested", "assessment.certified"}
    keys = [(k, s, e) for k, s, e in first.sent]
    assert len(keys) == len(set(keys))
    second = send_notices(demo_store)
    assert second.sent == [] and second.due == 0
    assert len(smtp.messages) == len(first.sent)
    # who got what: the changes requested went to the Ministry's focal point
    msgs = smtp.parsed()
    changes = [m for m in msgs if m["Subject"].strip().startswith("Changes requested")]
    assert changes and all("focal@demo.seal" in m["To"] for m in changes)
    body = changes[0].get_content()
    assert "valdoria-ministry-of-labour-2025" in body
    assert "https://seal.example.org" in body and "Account page" in body
    assert changes[0]["Auto-Submitted"] == "auto-generated"
    # the run is in the audit trail, counted
    runs = [e for e in st.list_audit(demo_store, st.SYSTEM) if e.action == "notices.send"]
    assert len(runs) == 1 and runs[0].payload["sent"] == len(first.sent)


def test_a_new_transition_is_a_new_notice(demo_store, smtp):
    send_notices(demo_store)
    before = len(smtp.messages)
    focal = st.authenticate(demo_store, "focal@demo.seal", "demo-focal-password")
    aid = st.find_assessment(demo_store, st.SYSTEM, "valdoria-ministry-of-labour-2025").id
    version = st.find_assessment(demo_store, st.SYSTEM, aid).version
    try:
        st.submit_assessment(demo_store, focal, aid, version)
    except st.StoreError as e:  # pragma: no cover - the demo keeps it submittable
        pytest.fail(f"the demo's assessment could not be resubmitted: {e}")
    report = send_notices(demo_store)
    assert [k for k, _s, _e in report.sent] and \
        {k for k, _s, _e in report.sent} == {"assessment.submitted"}
    team = {st.find_user(demo_store, st.SYSTEM, a.assessor_id).email
            for a in st.list_assignments(demo_store, st.SYSTEM) if a.assessment_id == aid}
    assert {e for _k, _s, e in report.sent} == team
    assert len(smtp.messages) == before + len(team)
    assert send_notices(demo_store).sent == []


def test_users_who_turned_notices_off_get_none(demo_store, smtp):
    focal = st.authenticate(demo_store, "focal@demo.seal", "demo-focal-password")
    setting = st.get_notice_setting(demo_store, focal)
    assert setting.email_notices and setting.version == 0
    st.set_email_notices(demo_store, focal, False, 0)
    assert not st.get_notice_setting(demo_store, focal).email_notices
    report = send_notices(demo_store)  # the demo's notices are all the focal point's
    assert report.sent == [] and report.due == 0 and smtp.messages == []
    with pytest.raises(st.StaleWriteError):
        st.set_email_notices(demo_store, focal, True, 0)
    entries = [e for e in st.list_audit(demo_store, st.SYSTEM) if e.action == "user.notices"]
    assert entries and entries[-1].payload["email_notices"] is False
    st.set_email_notices(demo_store, focal, True, 1)
    report = send_notices(demo_store)
    assert report.sent and {e for _k, _s, e in report.sent} == {"focal@demo.seal"}


def test_certificates_expiring_in_90_then_30_days(demo_store, smtp):
    send_notices(demo_store)
    cert = next(c for c in st.list_certificates(demo_store, st.SYSTEM) if c.valid_until)
    report = send_notices(demo_store, today=cert.valid_until - dt.timedelta(days=80))
    mine = [(k, s) for k, s, _e in report.sent if s == f"certificate:{cert.id}"]
    assert mine and {k for k, _s in mine} == {"certificate.expiring.90"}
    assert send_notices(demo_store, today=cert.valid_until - dt.timedelta(days=70)).sent == [] or \
        all(s != f"certificate:{cert.id}" for _k, s, _e in send_notices(
            demo_store, today=cert.valid_until - dt.timedelta(days=70)).sent)
    later = send_notices(demo_store, today=cert.valid_until - dt.timedelta(days=20))
    mine = [(k, s) for k, s, _e in later.sent if s == f"certificate:{cert.id}"]
    assert {k for k, _s in mine} == {"certificate.expiring.30"}
    msg = next(m for m in smtp.parsed() if "expires" in m["Subject"]
               and "Reminder" in m["Subject"])
    assert "20 days" in msg.get_content()


def test_concurrent_runs_never_send_twice(demo_store, smtp):
    due = len(st.due_notices(demo_store, st.SYSTEM))
    reports = []

    def run():
        reports.append(send_notices(demo_store))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    sent = [x for r in reports for x in r.sent]
    assert len(sent) == due == len(set(sent)) == len(smtp.messages)
    assert sum(r.skipped for r in reports) + len(sent) >= due


def test_a_failed_send_is_tried_again(demo_store, smtp):
    smtp.refuse.add("focal@demo.seal")
    first = send_notices(demo_store)
    assert first.failed and all(e == "focal@demo.seal" for _k, _s, e, _x in first.failed)
    log = st.notice_log(demo_store, st.SYSTEM, state="failed")
    assert log and "550" in log[0]["error"]
    smtp.refuse.clear()
    second = send_notices(demo_store)
    assert {(k, s) for k, s, _e in second.sent} == {(k, s) for k, s, _e, _x in first.failed}
    assert send_notices(demo_store).sent == []


def test_texts_in_the_recipients_language(demo_store, smtp):
    focal = st.authenticate(demo_store, "focal@demo.seal", "demo-focal-password")
    if not hasattr(st, "set_language"):  # pragma: no cover - the language preference
        pytest.fail("the store has no language preference")
    due = st.due_notices(demo_store, st.SYSTEM)
    assert compose(due[0], "en", "seal@example.org")["Content-Language"] == "en"
    st.set_language(demo_store, focal, "es", st.get_preferences(demo_store, focal).version)
    send_notices(demo_store)
    mine = [m for m in smtp.parsed() if "focal@demo.seal" in m["To"]]
    assert mine and all(m["Content-Language"] == "es" for m in mine)
    # the dates and numbers at least are written the Spanish way, e.g. '7 de diciembre de 2026'
    from seal_engine.messages import render_message, say

    spanish = render_message(say("notice.plan.milestone.subject", due=dt.date(2026, 12, 7),
                                 institution="X"), lang="es")
    assert "diciembre" in spanish
    from seal_engine.messages import has_translation, render_message, say

    if has_translation("notice.greeting", "es"):
        greeting = render_message(say("notice.greeting", name="X"), lang="es").split("X")[0]
        assert all(m.get_content().startswith(greeting) for m in mine)


def test_smtp_settings_are_checked(monkeypatch):
    for name in ("SEAL_SMTP_HOST", "SEAL_SMTP_FROM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SEAL_SMTP_PORT", "smtp")
    with pytest.raises(SealError) as e:
        smtp_settings()
    fields = {p.field for p in e.value.problems}
    assert fields == {"SEAL_SMTP_HOST", "SEAL_SMTP_FROM", "SEAL_SMTP_PORT"}
    assert [p.text.code for p in e.value.problems] == ["notify.no_host", "notify.no_sender",
                                                       "notify.bad_port"]
    assert e.value.problems[2].text.params == {"got": "'smtp'"}
    assert all(p.render("fr") != p.render("en") for p in e.value.problems)
    monkeypatch.setenv("SEAL_SMTP_HOST", "mail.example.org")
    monkeypatch.setenv("SEAL_SMTP_FROM", "seal@example.org")
    monkeypatch.setenv("SEAL_SMTP_PORT", "465")
    monkeypatch.setenv("SEAL_SMTP_SECURITY", "tls")
    assert smtp_settings() == SmtpSettings("mail.example.org", 465, "seal@example.org", "tls")


def test_seal_notify_command(demo_store, smtp, monkeypatch):
    from typer.testing import CliRunner

    from seal_engine.cli import app

    monkeypatch.setenv("SEAL_DATABASE_URL", demo_store.url)
    due = len(st.due_notices(demo_store, st.SYSTEM))
    dry = CliRunner().invoke(app, ["notify", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"{due} notices due" in dry.output and smtp.messages == []
    sent = CliRunner().invoke(app, ["notify"])
    assert sent.exit_code == 0, sent.output
    assert f"sent {due} notices" in sent.output and len(smtp.messages) == due
    again = CliRunner().invoke(app, ["notify"])
    assert "sent 0 notices" in again.output and len(smtp.messages) == due


def test_a_plan_milestone_due_is_told_once(demo_store, smtp):
    send_notices(demo_store)  # what the demo has due today, out of the way
    plan, _version = st.get_action_plan(demo_store, st.SYSTEM, st.find_assessment(
        demo_store, st.SYSTEM, "valdoria-ministry-of-labour-2024").id)
    open_q4 = {r.no for r in plan.rows if r.end == "2025-Q4" and r.status.value not in
               ("done", "dropped")}
    assert open_q4  # the demo's plan has actions ending in 2025-Q4 not done yet
    report = send_notices(demo_store, today=dt.date(2025, 12, 20))
    milestones = [s for k, s, _e in report.sent if k == "plan.milestone"]
    assert sorted(int(s.split(":")[2]) for s in milestones) == sorted(open_q4)
    msg = next(m for m in smtp.parsed() if m["Subject"].strip().startswith(
        "Action plan milestone due on 31 December 2025"))
    assert "2025-Q4" in msg.get_content() and "% complete" in msg.get_content()
    assert [k for k, _s, _e in send_notices(demo_store, today=dt.date(2025, 12, 21)).sent
            if k == "plan.milestone"] == []
    # an action ended long ago is not told about any more
    assert not any(k == "plan.milestone" for k, _s, _e in send_notices(
        demo_store, today=dt.date(2026, 6, 30)).sent)


def test_a_submission_without_a_team_tells_the_programme_officers(demo_store, smtp):
    send_notices(demo_store)  # what the demo has due today, out of the way
    aid = st.find_assessment(demo_store, st.SYSTEM, "valdoria-ministry-of-labour-2025").id
    team = [a.assessor_id for a in st.list_assignments(demo_store, st.SYSTEM)
            if a.assessment_id == aid]
    assert team
    for uid in team:
        st.unassign_assessor(demo_store, st.SYSTEM, aid, uid)
    focal = st.authenticate(demo_store, "focal@demo.seal", "demo-focal-password")
    st.submit_assessment(demo_store, focal, aid,
                         st.find_assessment(demo_store, st.SYSTEM, aid).version)
    officers = {u.email for u in st.list_users(demo_store, st.SYSTEM)
                if "programme_officer" in u.roles}
    assert officers
    report = send_notices(demo_store)
    assert {k for k, _s, _e in report.sent} == {"assessment.submitted.unassigned"}
    assert {e for _k, _s, e in report.sent} == officers
    msg = smtp.parsed()[-1]
    assert msg["Subject"].strip().startswith("Self-assessment submitted, no assessment team")
    assert "valdoria-ministry-of-labour-2025" in msg.get_content()
    assert send_notices(demo_store).sent == []  # told once
    # once a team is assigned, the team is told of the same submission, the officers not again
    for uid in team:
        st.assign_assessor(demo_store, st.SYSTEM, aid, uid)
    report = send_notices(demo_store)
    assert {k for k, _s, _e in report.sent} == {"assessment.submitted"}
    assert {e for _k, _s, e in report.sent} == {
        st.find_user(demo_store, st.SYSTEM, uid).email for uid in team}
    assert send_notices(demo_store).sent == []
