"""The audit trail as an administrator reads it: each record named (an assessment by its
institution and period, a user by name, an institution by name) instead of ``assessment:<id>``;
the details with their ids replaced by names, statuses and states in words, digests left out
(the row check reads them; a person cannot); the action in words."""

from __future__ import annotations

import json
import re
from typing import Any

from seal_engine.lifecycle import State

from .i18n import _
from .words import state_name, status_name

__all__ = ["AuditWords"]

_RAW_ID = re.compile(r"[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f-]{27}")
_STATES = {s.value for s in State}
_STATUSES = {"met", "partially_met", "not_met", "not_applicable", "not_answered"}


def _action_words() -> dict[str, str]:
    return {
        "answer.save": _("Answer saved"), "assessment.create": _("Self-assessment started"),
        "assessment.submit": _("Submitted for review"),
        "assessment.start_review": _("Review started"),
        "assessment.request_changes": _("Sent back for changes"),
        "assessment.recommend": _("Certification recommended"),
        "assessment.recommend_refusal": _("Not certifying recommended"),
        "assessment.certify": _("Certified"), "assessment.refuse": _("Recorded as not certified"),
        "assessment.return": _("Returned to the assessment team"),
        "assessment.record_baseline": _("Recorded as the baseline"),
        "assessment.move_version": _("Moved to another version of the standard"),
        "assessment.renew": _("Certificate renewed"),
        "assignment.create": _("Assessor assigned"), "assignment.delete": _("Assignment removed"),
        "certificate.revoke": _("Certificate revoked"), "certificate.sign": _("Certificate signed"),
        "evidence.add": _("Evidence added"), "evidence.remove": _("Evidence removed"),
        "institution.commitment": _("Commitment recorded"),
        "institution.create": _("Institution added"),
        "institution.update": _("Institution changed"),
        "not_applicable.claim": _("Claimed not applicable"),
        "not_applicable.withdraw": _("Claim of not applicable withdrawn"),
        "plan.approve": _("Action plan approved"), "plan.save": _("Action plan saved"),
        "report_template.delete": _("Report template deleted"),
        "report_template.upload": _("Report template uploaded"),
        "review.benchmark": _("Benchmark reviewed"),
        "review.confirm_remaining": _("Remaining benchmarks confirmed"),
        "review.evidence": _("Evidence reviewed"),
        "review.no_conflict": _("No conflict of interest declared"),
        "review.not_applicable": _("Claim of not applicable decided"),
        "review.request": _("Change requested"), "review.withdraw": _("Verdict withdrawn"),
        "role.grant": _("Role given"), "role.revoke": _("Role taken away"),
        "session.end_all": _("Signed out everywhere"), "session.start": _("Signed in"),
        "signing_key.use": _("Signing key used"), "standard.add": _("Standard added"),
        "thread.post": _("Message posted"), "user.create": _("User added"),
        "user.password": _("Password changed"), "user.preferences": _("Preferences changed"),
        "user.activate": _("User reactivated"), "user.deactivate": _("User deactivated"),
        "workforce.upload": _("Staff data uploaded"), "audit.seal": _("Audit trail sealed"),
        "audit.baseline": _("Audit baseline recorded"),
    }


def _key_words() -> dict[str, str]:
    return {
        "assessment": _("assessment"), "assessor": _("assessor"), "user": _("user"),
        "institution": _("institution"), "benchmark": _("benchmark"), "question": _("question"),
        "computed": _("computed"), "status": _("status"), "decision": _("decision"),
        "from": _("from"), "to": _("to"), "level": _("level"), "version": _("version"),
        "requests": _("requests"), "request": _("request"), "requirement": _("evidence"),
        "team_role": _("role in the team"), "role": _("role"), "after": _("after entry"),
        "reason": _("reason"), "title": _("title"), "kind": _("kind"), "code": _("code"),
        # the page's own labels, written in lower case as the other keys
        **{k: _lower(label) for k, label in (
            ("standard", _("Standard")), ("state", _("State")), ("size", _("Size")),
            ("scope", _("Scope")), ("country", _("Country")), ("score", _("Score")),
            ("language", _("Language")), ("time_zone", _("Time zone")),
            ("email_notices", _("E-mail notices")), ("certificate", _("Certificate")),
            ("approved_by", _("Approved by")), ("approved_on", _("Day of the approval")),
            ("signed_on", _("Day the letter was signed")))},
    }


def _lower(label: str) -> str:
    """A label of the page ("Time zone") as a key of the details ("time zone")."""
    return label[:1].lower() + label[1:]


class AuditWords:
    """Names for the records an audit trail refers to, from what the administrator can list:
    ``assessments`` (``AssessmentSummary``), ``users`` (``UserInfo``), ``institutions``
    (``InstitutionInfo``)."""

    def __init__(self, assessments=(), users=(), institutions=()):
        self.names: dict[str, str] = {}
        for a in assessments:
            period = a.period_label or str(a.period_end.year)
            self.names[f"assessment:{a.id}"] = f"{a.institution_name} · {period}"
        for u in users:
            self.names[f"user:{u.id}"] = u.display_name
        for i in institutions:
            self.names[f"institution:{i.id}"] = i.name
        self.names["programme"] = _("The programme")
        self._by_id = {k.split(":", 1)[1]: v for k, v in self.names.items() if ":" in k}

    def action(self, code: str) -> str:
        """``assessment.request_changes`` in words: "Sent back for changes"."""
        found = _action_words().get(code)
        if found:
            return found
        text = code.replace(".", " ").replace("_", " ")
        return text[:1].upper() + text[1:]

    def record(self, entity: str) -> str:
        """``assessment:<id>`` named: "Ministry of Labour · 2025"."""
        if entity in self.names:
            return self.names[entity]
        kind = entity.split(":", 1)[0]
        return {"assessment": _("an assessment"), "user": _("a user"),
                "institution": _("an institution"), "standard": _("a standard"),
                "programme": _("The programme")}.get(kind, kind.replace("_", " "))

    def value(self, v: Any) -> str:
        if v is None:
            return "–"
        if isinstance(v, bool):
            return _("yes") if v else _("no")
        if isinstance(v, str):
            if v in self._by_id:
                return self._by_id[v]
            if v in _STATUSES:
                return status_name(v)
            if v in _STATES:
                return state_name(v) if v != "recommended" else _("Recommended")
            if v in ("accepted", "rejected"):  # an evidence item's or a claim's verdict
                return _lower(_("Accepted") if v == "accepted" else _("Rejected"))
            if v.replace("_", "").isalpha() and v == v.lower() and "_" in v:
                return v.replace("_", " ")
            return v
        if isinstance(v, (int, float)):
            return str(v)
        if isinstance(v, list):
            return ", ".join(self.value(x) for x in v)
        return json.dumps(v, ensure_ascii=False)

    def details(self, payload: dict[str, Any]) -> str:
        """The details of an entry: ``key: value`` pairs in words, digests left out."""
        keys = _key_words()
        parts = []
        for k, v in sorted(payload.items()):
            if k.endswith("_sha256") or k in ("hash", "rows_sha256") or v is None:
                continue
            if isinstance(v, str) and v not in self._by_id and _RAW_ID.fullmatch(v):
                continue  # an internal id nothing names (a request, an evidence item)
            label = keys.get(k, k.replace("_", " "))
            parts.append(_("{label}: {value}").format(label=label, value=self.value(v)))
        return " · ".join(parts)
