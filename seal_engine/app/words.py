"""The words the pages share for the engine's and the store's codes: benchmark statuses,
assessment states, roles, plan statuses, with their icons (all through ``_``)."""

from __future__ import annotations

from .i18n import _

__all__ = ["ROLE_NAMES", "group_label", "role_name", "scope_name", "stage_name", "state_name",
           "status_icon", "status_name", "plan_status_name", "verdict_name"]

ROLE_NAMES = ("focal_point", "assessor", "analyst", "admin")


def status_name(status: str) -> str:
    """A benchmark status in words."""
    return {
        "met": _("Met"),
        "partially_met": _("Partially met"),
        "not_met": _("Not met"),
        "not_applicable": _("Not applicable"),
        "not_answered": _("Not answered"),
    }.get(str(status), str(status))


def status_icon(status: str) -> str:
    """A Material icon for a benchmark status (shape and colour, never colour alone)."""
    return {
        "met": ":green[:material/check_circle:]",
        "partially_met": ":orange[:material/contrast:]",
        "not_met": ":red[:material/cancel:]",
        "not_applicable": ":gray[:material/block:]",
        "not_answered": ":gray[:material/radio_button_unchecked:]",
    }.get(str(status), "")


def state_name(state: str) -> str:
    """An assessment's lifecycle state in words."""
    return {
        "draft": _("Draft"),
        "recorded": _("Recorded as the baseline"),
        "submitted": _("Submitted, waiting for review"),
        "under_review": _("Under review"),
        "changes_requested": _("Sent back for changes"),
        "recommended": _("Recommended, waiting for the programme's decision"),
        "certified": _("Certified"),
        "not_certified": _("Not certified"),
    }.get(state, state)


def stage_name(stage: str) -> str:
    """A stage of the programme's process in words."""
    return {
        "commitment": _("Commitment of the head and the Gender Equality Committee"),
        "baseline": _("Baseline self-assessment"),
        "plan_approval": _("Action plan approved"),
        "implementation": _("Implementation of the plan"),
        "application": _("Application: the external assessment"),
        "award": _("Award decision and certificate"),
    }.get(stage, stage)


def role_name(role: str) -> str:
    return {
        "focal_point": _("Focal point"),
        "assessor": _("Assessor"),
        "programme_officer": _("Programme officer"),
        "analyst": _("Government analyst"),
        "admin": _("Administrator"),
    }.get(role, role)


def scope_name(scope: str) -> str:
    return {"national": _("National"), "subnational": _("Subnational")}.get(scope, scope)


def plan_status_name(status: str) -> str:
    return {
        "planned": _("Planned"),
        "in_progress": _("In progress"),
        "done": _("Done"),
        "dropped": _("Dropped"),
    }.get(status, status)


def verdict_name(verdict: str | None) -> str:
    return {
        None: _("Not reviewed yet"),
        "accepted": _("Accepted"),
        "rejected": _("Rejected"),
    }.get(verdict, str(verdict))


def group_label(value: object) -> str:
    """A group of the staff data as a person reads it: a grade or scope code written as the
    file writes codes ('senior', 'national', 'p_4') is shown as a label ('Senior', 'National',
    'P 4'); a name the file wrote with capitals ('North Region') is kept."""
    text = str(value)
    if text == "national" or text == "subnational":
        return scope_name(text)
    if text and text == text.lower():
        text = text.replace("_", " ")
        return text[:1].upper() + text[1:]
    return text
