"""The states and transitions of an assessment in the Seal's process, as data.

::

    draft ──submit──▶ submitted ──start_review──▶ under_review ──recommend(_refusal)──▶ recommended
      ▲                   ▲                         │   ▲                                 │ │ │
      │                   └──────submit─────┐       │   └──────return_to_team─────────────┘ │ │
      │                                     │       ▼                                         │ │
      └── (renewal starts a new draft)   changes_requested        certified ◀──certify────────┘ │
                                                               not_certified ◀──refuse──────────┘

Four eyes: the assessment team (a lead and members, each having declared no conflict of
interest with the institution) reviews and its lead recommends; a programme officer who is not
on the team decides the award.

Each :class:`Transition` names the states it starts from, the state it leads to, the
:class:`Role` that may take it and what it requires (:class:`Requirement` codes, checked by the
store's service for that transition).  The store, the app and the command line read this table:
whether an assessment can be edited, which actions a page offers, what a refusal says.  Nothing
else lists states.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["DECIDED", "EDITABLE", "FEEDBACK", "REVIEWED", "TRANSITIONS", "WITH_ASSESSORS",
           "WITH_PROGRAMME", "Requirement", "Role", "State", "Transition", "can_edit",
           "transition", "transitions_from"]


class Role(str, Enum):
    """The roles a user can hold."""

    focal_point = "focal_point"  # of an institution: answers, evidence, plan, submits
    assessor = "assessor"        # on an assessment team: reviews; the lead recommends
    programme_officer = "programme_officer"  # of the programme: decides awards (four eyes)
    analyst = "analyst"          # of a country: compares results
    admin = "admin"              # users, roles, institutions, assignments, standards


class State(str, Enum):
    """Where an assessment is in the process."""

    draft = "draft"
    submitted = "submitted"
    under_review = "under_review"
    changes_requested = "changes_requested"
    recommended = "recommended"
    certified = "certified"
    not_certified = "not_certified"


class Requirement(str, Enum):
    """What a transition needs, beyond the role and the state."""

    answers_complete = "answers_complete"            # every required question answered
    answers_valid = "answers_valid"                  # every answer fits its question
    review_complete = "review_complete"              # every verdict given and current
    open_requests = "open_requests"                  # something asked of the institution
    reviewed_level = "reviewed_level"                # the reviewed result reaches a level
    certifiable_standard = "certifiable_standard"    # the standard issues certificates
    reason = "reason"                                # the decision says why
    no_conflict = "no_conflict"                      # the assessor declared no conflict
    team_lead = "team_lead"                          # the assessor leads the team
    four_eyes = "four_eyes"                          # the decider is not on the team
    recommended_award = "recommended_award"          # the team recommended certifying


@dataclass(frozen=True)
class Transition:
    """One step of the process."""

    name: str
    sources: frozenset[State]
    target: State
    who: Role
    requires: tuple[Requirement, ...] = ()


R = Requirement
TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("submit", frozenset({State.draft, State.changes_requested}), State.submitted,
               Role.focal_point, (R.answers_valid, R.answers_complete)),
    Transition("start_review", frozenset({State.submitted}), State.under_review, Role.assessor,
               (R.no_conflict,)),
    Transition("request_changes", frozenset({State.under_review}), State.changes_requested,
               Role.assessor, (R.no_conflict, R.open_requests)),
    Transition("recommend", frozenset({State.under_review}), State.recommended, Role.assessor,
               (R.no_conflict, R.team_lead, R.review_complete, R.certifiable_standard,
                R.reviewed_level)),
    Transition("recommend_refusal", frozenset({State.under_review}), State.recommended,
               Role.assessor, (R.no_conflict, R.team_lead, R.review_complete, R.reason)),
    Transition("return_to_team", frozenset({State.recommended}), State.under_review,
               Role.programme_officer, (R.four_eyes, R.reason)),
    Transition("certify", frozenset({State.recommended}), State.certified,
               Role.programme_officer, (R.four_eyes, R.recommended_award, R.reviewed_level)),
    Transition("refuse", frozenset({State.recommended}), State.not_certified,
               Role.programme_officer, (R.four_eyes, R.reason)),
)}

#: The states in which the institution edits its answers, evidence, claims and plan.
EDITABLE: frozenset[State] = frozenset(
    s for t in TRANSITIONS.values() if t.who is Role.focal_point for s in t.sources)

#: The states the assessors act in (the institution waits).
WITH_ASSESSORS: frozenset[State] = frozenset(
    s for t in TRANSITIONS.values() if t.who is Role.assessor for s in t.sources)

#: The final states: no transition leaves them (a new period starts a new assessment).
DECIDED: frozenset[State] = frozenset(
    s for s in State if not any(s in t.sources for t in TRANSITIONS.values())) - {State.draft}

#: The states in which the institution reads the assessors' review of its answers.
FEEDBACK: frozenset[State] = DECIDED | {State.changes_requested}

#: The states the programme acts in (the award decision).
WITH_PROGRAMME: frozenset[State] = frozenset(
    s for t in TRANSITIONS.values() if t.who is Role.programme_officer for s in t.sources)

#: The states in which an assessment has (or is getting) a reviewed result.
REVIEWED: frozenset[State] = frozenset({State.under_review, State.recommended,
                                        State.certified, State.not_certified})


def transition(name: str) -> Transition:
    """The transition called ``name``; ``KeyError`` if there is none."""
    return TRANSITIONS[name]


def transitions_from(state: str | State) -> list[Transition]:
    """The transitions that can start from ``state``, in the table's order."""
    return [t for t in TRANSITIONS.values() if State(state) in t.sources]


def can_edit(state: str | State) -> bool:
    """True when the institution may change an assessment in ``state``."""
    return State(state) in EDITABLE
