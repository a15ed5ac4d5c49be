"""The Seal lifecycle's transitions and the assessor's review.

The states, the transitions, who may take each and what each requires are data in
:mod:`seal_engine.lifecycle`.  Each transition happens in exactly one function here, through
:func:`.transitions._transition`, which checks the role, the state and every requirement of the
transition (with the check :data:`CHECKS` holds for it), moves the state (naming the version
read) and appends the audit entry in one transaction.

The review: for each benchmark the assessor confirms the computed status or overrides it (an
override needs a justification); marks each evidence item accepted or rejected (a rejection
needs a reason); accepts or rejects each not-applicable claim; and may request more evidence
before sending the assessment back.  "Computed" here means computed from the reviewed
evidence and claims, so a confirmation made before a later rejection is outdated and must be
given again.  A final decision needs a complete, current review.

The parts: :mod:`.requirements` (each requirement of a transition, checked), :mod:`.transitions`
(the one way a transition happens; submitting, recording a baseline, starting the review,
requesting changes), :mod:`.verdicts` (the declaration of no conflict, each benchmark's
verdict, each not-applicable claim decided), :mod:`.evidence` (evidence accepted or rejected,
more evidence requested), :mod:`.bulk` (the remaining benchmarks confirmed in one act),
:mod:`.recommendation` (the team's recommendation and the programme's decision on it) and
:mod:`.status` (where a review stands and what a decision still needs).
"""

from __future__ import annotations

from .bulk import confirm_remaining
from .evidence import request_evidence, review_evidence
from .recommendation import (
    certify_assessment,
    recommend_certification,
    recommend_refusal,
    refuse_certification,
    return_to_team,
)
from .requirements import CHECKS
from .status import BenchmarkVerdict, ReviewStatus, review_status
from .transitions import record_baseline, request_changes, start_review, submit_assessment
from .verdicts import (
    decide_not_applicable,
    declare_no_conflict,
    review_benchmark,
    withdraw_verdict,
)

__all__ = ["CHECKS", "BenchmarkVerdict", "ReviewStatus", "certify_assessment",
           "confirm_remaining", "decide_not_applicable", "declare_no_conflict",
           "recommend_certification", "recommend_refusal", "record_baseline",
           "refuse_certification", "request_changes", "request_evidence", "return_to_team",
           "review_benchmark", "review_evidence", "review_status", "start_review",
           "submit_assessment", "withdraw_verdict"]
