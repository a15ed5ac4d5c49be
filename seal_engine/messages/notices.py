"""The e-mail notices (``seal notify``, :mod:`seal_engine.notify`): a subject and a body per
kind, and the lines every notice shares.  Params: ``assessment`` (its code), ``institution``
(its name), ``level``, ``valid_until`` and ``due`` (dates), ``days`` and ``progress`` (numbers),
``action`` (the plan's activity), ``quarter`` (e.g. 2026-Q3), ``link`` (the app's address)."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    "notice.greeting": "Dear {name},",
    "notice.link": "Open the Gender Equality Seal platform: {link}",
    "notice.signature": "The Gender Equality Seal for Public Institutions",
    "notice.why": "You receive this message because of your role on the Gender Equality Seal "
                  "platform. You can turn these messages off on your Account page.",
    "notice.assessment.submitted.subject": "Self-assessment submitted for review: {institution} "
                                           "({assessment})",
    "notice.assessment.submitted.body": "{institution} has submitted its self-assessment "
                                        "{assessment} for external review. As a member of the "
                                        "assessment team, please declare that you have no "
                                        "conflict of interest and begin the review.",
    "notice.assessment.submitted.unassigned.subject": "Self-assessment submitted, no "
                                                      "assessment team yet: {institution} "
                                                      "({assessment})",
    "notice.assessment.submitted.unassigned.body": "{institution} has submitted its "
                                                   "self-assessment {assessment} for external "
                                                   "review, and no assessment team is assigned "
                                                   "to it yet. Please see that a team is "
                                                   "assigned (administrators assign the "
                                                   "assessors on the Administration page); the "
                                                   "assessors receive a notice of their own "
                                                   "once assigned.",
    "notice.assessment.changes_requested.subject": "Changes requested on your self-assessment "
                                                   "{assessment}",
    "notice.assessment.changes_requested.body": "The assessment team has returned the "
                                                "self-assessment {assessment} of {institution} "
                                                "and asks for changes or further evidence. The "
                                                "requests are listed on the Self-assessment "
                                                "page; once they are addressed, submit the "
                                                "assessment again.",
    "notice.assessment.certified.subject": "Gender Equality Seal awarded: {institution}",
    "notice.assessment.certified.body": "The programme has decided to award {institution} the "
                                        "Gender Equality Seal at {level} level on the basis of "
                                        "the external assessment {assessment}. The certificate "
                                        "can be downloaded from the Results page.",
    "notice.assessment.not_certified.subject": "Decision on the Gender Equality Seal: "
                                               "{institution}",
    "notice.assessment.not_certified.body": "The programme has decided not to award the Gender "
                                            "Equality Seal on the basis of the external "
                                            "assessment {assessment} of {institution}. The "
                                            "reasons and the reviewed results are on the "
                                            "Results page; the action plan shows the way to a "
                                            "new application.",
    "notice.certificate.expiring.90.subject": "Your Gender Equality Seal expires on "
                                              "{valid_until}",
    "notice.certificate.expiring.90.body": ("The {level} certificate of {institution} "
                                            "(assessment {assessment}) expires in {n} day, on "
                                            "{valid_until}. To keep the Seal, start the renewal "
                                            "now: a new self-assessment, its review and the "
                                            "programme's decision take time.",
                                            "The {level} certificate of {institution} "
                                            "(assessment {assessment}) expires in {n} days, "
                                            "on {valid_until}. To keep the Seal, start the "
                                            "renewal now: a new self-assessment, its review and "
                                            "the programme's decision take time."),
    "notice.certificate.expiring.30.subject": "Reminder: your Gender Equality Seal expires on "
                                              "{valid_until}",
    "notice.certificate.expiring.30.body": ("The {level} certificate of {institution} "
                                            "(assessment {assessment}) expires in {n} day, on "
                                            "{valid_until}. If the renewal has not been "
                                            "submitted yet, please contact the programme.",
                                            "The {level} certificate of {institution} "
                                            "(assessment {assessment}) expires in {n} days, "
                                            "on {valid_until}. If the renewal has not been "
                                            "submitted yet, please contact the programme."),
    "notice.plan.milestone.subject": "Action plan milestone due on {due}: {institution}",
    "notice.plan.milestone.body": "The action \"{action}\" of the improvement action plan "
                                  "({assessment}) is due by the end of {quarter} ({due}) and "
                                  "is recorded as {progress} complete. Please update its status "
                                  "and evidence on the Gaps and action plan page.",
}
