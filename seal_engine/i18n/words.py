"""The words of the reports and the certificate in the language asked for: one catalogue for every
string a report prints (``locale/<lang>/LC_MESSAGES/seal-reports.po``, read at run time with
Babel; English is the source language, so it needs none, and any message a catalogue lacks stays
in English), the words for the engine's codes (statuses, decisions, states), and numbers and
dates as the language writes them (through Babel).

A renderer makes one :class:`Words` for the language and hands it to its templates: ``_`` and
``ngettext`` for messages, ``pct``/``share``/``number``/``date`` for figures.
``reports/locale/seal-reports.pot`` lists every message (``python -m
seal_engine.reports._pot`` rewrites it; a test keeps it current): a new language is a ``.po``
file translated from it.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import math
from pathlib import Path
from typing import Any

from .catalogues import catalogue, catalogue_languages
from .formats import (
    format_date,
    format_number,
    format_percent,
    format_time,
)

__all__ = ["DOMAIN", "LOCALE_DIR", "Words", "languages", "words"]

DOMAIN = "seal-reports"
#: The reports' catalogues (the certificate's words are among them).
LOCALE_DIR = Path(__file__).resolve().parent.parent / "reports" / "locale"

def languages() -> dict[str, str]:
    """The languages reports can be written in, code to name in that language: English and
    every language with a catalogue."""
    return catalogue_languages(LOCALE_DIR, DOMAIN)


def _catalogue(lang: str) -> gettext.NullTranslations:
    return catalogue(LOCALE_DIR, lang, DOMAIN)


class Words:
    """Messages and formats of one language (English for a language with no catalogue)."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in languages() else "en"

    # -- messages
    def gettext(self, message: str) -> str:
        return _catalogue(self.lang).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _catalogue(self.lang).ngettext(singular, plural, n)

    # -- figures
    def number(self, value: Any, decimals: int = 0) -> str:
        """``1,524`` or ``4.3``; ``–`` for nothing."""
        if value is None or isinstance(value, bool) or (
                isinstance(value, float) and not math.isfinite(value)):
            return "–"
        if isinstance(value, str):
            return self.suppressed() if value == "suppressed" else value
        return format_number(value, decimals, self.lang)

    def points(self, value: Any) -> str:
        """Points as a standard gives them: ``3``, ``1.5``, ``0.25``."""
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return self.number(value)
        value = float(value)
        if value.is_integer():
            return self.number(value, 0)
        return self.number(value, 1 if round(value, 1) == value else 2)

    def pct(self, value: Any, decimals: int = 1) -> str:
        """A percentage given as 0-100: ``62.9 %`` (``62 %``, not ``62.0 %``)."""
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return self.number(value)
        if isinstance(value, float) and not math.isfinite(value):
            return "–"
        return format_percent(value, decimals, self.lang)

    def share(self, value: Any, decimals: Any = 1) -> str:
        """A share given as 0-1, as a percentage: ``0.5253`` gives ``52.5 %``."""
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return self.number(value)
        return self.pct(value * 100, decimals if isinstance(decimals, int) else 1)

    def score(self, result: Any) -> str:
        """A result's score from its exact share, with the decimals that keep it on its side
        of the next level's threshold (as every output prints it)."""
        from ..percent import shown_decimals

        if not result.max_points:
            return self.pct(result.score)
        exact = result.points * 100 / result.max_points
        threshold = getattr(result, "next_level_min_score", None)
        return self.pct(exact, shown_decimals(exact, threshold))

    def date(self, value: dt.date | None) -> str:
        """``8 March 2026``."""
        if value is None:
            return "–"
        return format_date(value, self.lang)

    def datetime(self, value: dt.datetime | None) -> str:
        """``8 March 2026, 10:02 UTC``."""
        if value is None:
            return "–"
        value = value.astimezone(dt.UTC) if value.tzinfo else value
        return f"{self.date(value.date())}, {format_time(value, self.lang)} UTC"

    def period(self, period: Any) -> str:
        if period is None:
            return "–"
        span = f"{self.date(period.start)} – {self.date(period.end)}"
        return f"{period.label} ({span})" if period.label else span

    # -- codes
    def suppressed(self) -> str:
        return self.gettext("suppressed")

    def status(self, code: Any) -> str:
        """A benchmark status in words."""
        code = getattr(code, "value", code)
        _ = self.gettext
        return {"met": _("Met"), "partially_met": _("Partially met"), "not_met": _("Not met"),
                "not_applicable": _("Not applicable"), "not_answered": _("Not answered"),
                None: "–"}.get(code, str(code))

    def state(self, code: str | None) -> str:
        """An assessment's lifecycle state in words."""
        _ = self.gettext
        return {"draft": _("Draft"), "submitted": _("Submitted, waiting for review"),
                "under_review": _("Under review"),
                "changes_requested": _("Sent back for changes"),
                "recommended": _("Recommended, waiting for the award decision"),
                "certified": _("Certified"), "not_certified": _("Not certified"),
                None: "–"}.get(code, str(code).replace("_", " "))

    def decision(self, code: str | None) -> str:
        _ = self.gettext
        return {"confirm": _("Confirmed"), "override": _("Overridden"),
                None: _("No verdict yet")}.get(code, str(code))

    def verdict(self, code: str | None) -> str:
        """An evidence verdict or a claim decision."""
        _ = self.gettext
        return {"accepted": _("Accepted"), "rejected": _("Rejected"), "refused": _("Refused"),
                "provided": _("Provided"), None: _("Not reviewed yet")}.get(code, str(code))

    def recommendation(self, code: str | None) -> str:
        _ = self.gettext
        return {"certify": _("Certify"), "refuse": _("Refuse"),
                None: _("No recommendation yet")}.get(code, str(code))

    def role(self, code: str) -> str:
        _ = self.gettext
        return {"lead": _("Lead assessor"), "member": _("Team member"),
                "other": _("Gave verdicts, not on the team")}.get(code, code)

    def effort(self, code: str) -> str:
        _ = self.gettext
        return {"low": _("low"), "medium": _("medium"), "high": _("high")}.get(code, code)

    def plan_status(self, code: Any) -> str:
        code = getattr(code, "value", code)
        _ = self.gettext
        return {"planned": _("Planned"), "in_progress": _("In progress"), "done": _("Done"),
                "dropped": _("Dropped")}.get(code, str(code))

    def result_kind(self, code: str) -> str:
        _ = self.gettext
        return {"self": _("self-assessed"), "reviewed": _("reviewed")}.get(code, code)

    def scope(self, code: str | None) -> str:
        _ = self.gettext
        return {"national": _("National"), "subnational": _("Subnational"),
                None: "–"}.get(code, str(code))

    def level(self, title: str | None) -> str:
        return title if title else self.gettext("No level")

    def breakdown(self, code: str) -> str:
        _ = self.gettext
        return {"grade": _("Grade"), "location": _("Location"), "category": _("Category"),
                "contract": _("Contract"), "age_band": _("Age band"), "scope": _("Scope"),
                "all": _("All staff")}.get(code, code.replace("_", " ").capitalize())

    def group(self, value: str) -> str:
        return self.gettext("All staff") if value == "all" else value

    def parity(self, verdict: str | None, kind: str) -> str:
        """Below the band, above it, or inside it (at parity for the parity band, balanced for
        balanced participation, in the band for any other)."""
        _ = self.gettext
        if verdict is None:
            return "–"
        if verdict == "suppressed":
            return self.suppressed()
        if verdict == "below band":
            return _("below the band")
        if verdict == "above band":
            return _("above the band")
        return {"parity": _("at parity"), "balanced": _("balanced")}.get(kind, _("in the band"))

    def needed(self, count: Any, sex: str | None, verdict: str | None) -> str:
        """'130 women', '1 man', '0'; 'out of reach' when no whole number of people does."""
        if verdict is None:
            return "–"
        if isinstance(count, str):
            return self.number(count)
        if count is None:
            return self.gettext("out of reach")
        if not count:
            return "0"
        if sex == "women":
            return self.ngettext("{n} woman", "{n} women", count).format(n=self.number(count))
        return self.ngettext("{n} man", "{n} men", count).format(n=self.number(count))

    def band(self, low: float, high: float, kind: str) -> str:
        _ = self.gettext
        lo, hi = self.share(low, 0), self.share(high, 0)
        if kind == "parity":
            return _("the parity band ({low} to {high})").format(low=lo, high=hi)
        if kind == "balanced":
            return _("balanced participation ({low} to {high})").format(low=lo, high=hi)
        return _("the band {low} to {high}").format(low=lo, high=hi)

    def basis(self, basis: Any) -> str:
        """How a score is counted, in sentences."""
        _ = self.gettext
        if basis.kind == "benchmarks_met":
            head = _("The score is the share of applicable benchmarks met, each benchmark "
                     "counted once.")
        else:
            head = _("The score is the share of the applicable points, each benchmark worth "
                     "its weight.")
        partly = (_("Partially met benchmarks show progress but earn no credit.")
                  if not basis.partial_credit else
                  _("A partially met benchmark earns {share} of its credit.").format(
                      share=self.share(basis.partial_credit)))
        rule = (_("A level needs more than its threshold and every benchmark mandatory up to "
                  "it met.") if basis.threshold_operator == ">" else
                _("A level needs at least its threshold and every benchmark mandatory up to it "
                  "met."))
        claims = _("A benchmark the institution claims does not apply counts as not met until "
                   "an assessor accepts the claim; then it leaves the count.")
        return " ".join((head, partly, rule, claims))

    def counted(self, basis: Any) -> str:
        """'45 of 57 applicable benchmarks met'."""
        return self.ngettext("{met} of {n} applicable benchmark met",
                             "{met} of {n} applicable benchmarks met", basis.applicable).format(
            met=self.number(basis.met), n=self.number(basis.applicable))

    def next_level(self, summary: Any, titles: dict[str, str]) -> str:
        """What the institution needs for the next level, in a sentence; '' at the top."""
        _ = self.gettext
        if summary.next_level is None:
            return _("The highest level of the standard is reached.") if summary.level else ""
        parts = []
        needed = summary.points_needed or 0
        if needed > 0 and summary.basis.kind == "benchmarks_met":
            more = math.ceil(needed - 1e-9)
            parts.append(self.ngettext(
                "{n} more benchmark met, to reach {threshold} of the applicable benchmarks",
                "{n} more benchmarks met, to reach {threshold} of the applicable benchmarks",
                more).format(n=more, threshold=self.pct(summary.next_level_min_score)))
        elif needed > 0:
            parts.append(_("{points} more points, to reach {threshold} of the applicable "
                           "points").format(points=self.number(needed, 1),
                                            threshold=self.pct(summary.next_level_min_score)))
        unmet = [b for b in summary.blocking if b not in summary.pending_claims]
        if unmet:
            parts.append(self.ngettext(
                "this mandatory benchmark met: {list}", "these mandatory benchmarks met: {list}",
                len(unmet)).format(list=_("; ").join(f"{b} {titles.get(b, '')}".strip()
                                                   for b in unmet)))
        if summary.pending_claims:
            parts.append(self.ngettext(
                "the assessor's decision on its claim that this mandatory benchmark does not "
                "apply: {list}",
                "the assessor's decision on its claims that these mandatory benchmarks do not "
                "apply: {list}", len(summary.pending_claims)).format(
                list=_("; ").join(f"{b} {titles.get(b, '')}".strip()
                               for b in summary.pending_claims)))
        if not parts:
            return ""
        return _("To reach {level}, the institution needs {what}.").format(
            level=summary.next_level_title, what=_(" and ").join(parts))


@functools.cache
def words(lang: str = "en") -> Words:
    """The :class:`Words` of ``lang`` (English where it has no catalogue)."""
    return Words(lang)
