"""The store's refusals (:mod:`seal_engine.store`): what a service refuses and why, the
lifecycle's states and transitions in words, the records a stale write names and the values it
does not take.  Codes: ``state.*`` a lifecycle state, ``act.*`` a transition (the verb, as in
'cannot {act} assessment X'), ``store.do.*`` what a role may not do (completes 'may not ...'),
``store.rec.*`` a record a changed-since-read refusal names, ``store.*`` the refusals."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    # an assessment's lifecycle state, as 'assessment X is {state}' says it
    "state.draft": "draft",
    "state.recorded": "recorded",
    "state.submitted": "submitted",
    "state.under_review": "under review",
    "state.changes_requested": "changes requested",
    "state.recommended": "recommended",
    "state.certified": "certified",
    "state.not_certified": "not certified",
    # what an assessment is for ('it is a {purpose} assessment')
    "purpose.baseline": "baseline",
    "purpose.certification": "certification",
    # a transition, as 'cannot {act} assessment X' says it
    "act.record_baseline": "record baseline",
    "act.submit": "submit",
    "act.start_review": "start review",
    "act.request_changes": "request changes",
    "act.recommend": "recommend",
    "act.recommend_refusal": "recommend refusal",
    "act.return_to_team": "return to team",
    "act.certify": "certify",
    "act.refuse": "refuse",
    # who may take a transition ('only {who} may')
    "store.who.focal_points": "the institution's focal points",
    "store.who.programme_officers": "the programme officers",
    "store.who.assessors": "the assessors assigned to it",
}

MESSAGES.update({
    # what a role may not do: '{actor} ({roles}) may not {what}'
    "store.do.transition": "{act} assessment {code}: only {who} may",
    "store.do.edit_only_focal": "{what}: only the institution's focal points edit an assessment",
    "store.do.review_only_team": "{what}: only the assessors assigned to {code} review it",
    "store.do.start_assessments": "start assessments: the institution's focal points do",
    "store.do.seal_rows": "seal the rows of an older database",
    "store.do.read_audit": "read the audit trail",
    "store.do.revoke_certificate": "revoke the certificate of {institution}: programme officers "
                                   "and administrators do",
    "store.do.renew": "renew {code}: the institution's focal points do",
    "store.do.change_mapping": "change the column mapping of {code}",
    "store.do.add_institutions": "add institutions",
    "store.do.change_institutions": "change institutions",
    "store.do.add_users": "add users",
    "store.do.list_users": "list users",
    "store.do.grant_roles": "grant roles",
    "store.do.revoke_roles": "revoke roles",
    "store.do.deactivate_users": "deactivate users",
    "store.do.assign_assessors": "assign assessors: administrators and programme officers do",
    "store.do.unassign_assessors": "unassign assessors",
    "store.do.list_assignments": "list assignments",
    "store.do.import_answers": "import answers into {code}: only the institution's focal points "
                               "answer its questionnaire",
    "store.do.read_notices_due": "read the notices due to everyone",
    "store.do.read_notices_sent": "read the notices sent",
    "store.do.read_notice_setting": "read another user's notice setting",
    "store.do.see_overview": "see the database overview",
    "store.do.write_plans": "write action plans: the institution's focal points do",
    "store.do.read_preferences": "read another user's preferences",
    "store.do.change_other.preferences": "change another user's preferences",
    "store.do.change_other.language": "change another user's language",
    "store.do.change_other.notice_setting": "change another user's notice setting",
    "store.do.upload_templates": "upload report templates",
    "store.do.see_templates": "see the report templates",
    "store.do.download_templates": "download report templates",
    "store.do.delete_templates": "delete report templates",
    "store.do.declare": "declare on {code}: only its assessment team does",
    "store.do.end_sessions": "end other users' sessions",
    "store.do.record_commitment": "record the commitment: the institution's focal points do",
    "store.do.approve_plan": "record the approval of an action plan: the institution's focal "
                             "points do",
    "store.do.add_standards": "add standards",
    "store.do.write_threads": "write in the threads of {code}: only the institution's focal "
                              "points and the assessors assigned to it do",
    "store.do.make_token": "make a token for another user",
    "store.do.list_tokens": "list another user's tokens",
    "store.do.import_assessments": "import assessments",
    "store.do.export_database": "export the database: only the command line does",
    # what a step on an assessment is, as 'cannot {what}' and '{what}: only ...' say it
    "store.do.mark_na": "mark benchmarks not applicable",
    "store.do.withdraw_na": "withdraw not-applicable claims",
    "store.do.upload_workforce": "upload workforce data",
    "store.do.change_answers": "change answers",
    "store.do.comment": "comment on answers",
    "store.do.add_evidence": "add evidence",
    "store.do.remove_evidence": "remove evidence",
    "store.do.move_version": "move to another version of the standard",
    "store.do.review_benchmarks": "review benchmarks",
    "store.do.review_evidence": "review evidence",
    "store.do.decide_claims": "decide not-applicable claims",
    "store.do.withdraw_verdicts": "withdraw verdicts",
    "store.do.confirm_benchmarks": "confirm benchmarks",
    "store.do.request_evidence": "request evidence",
})

MESSAGES.update({
    # the record a refusal of a stale write names ('{what} was changed by ...')
    "store.rec.assessment": "assessment {code}",
    "store.rec.answer": "answer {question} of {code}",
    "store.rec.na_claim": "the not-applicable claim for {benchmark} of {code}",
    "store.rec.workforce_file": "the workforce file of {code}",
    "store.rec.plan": "the action plan of {code}",
    "store.rec.evidence": "evidence item {title!r}",
    "store.rec.verdict": "the verdict on {benchmark} of {code}",
    "store.rec.evidence_verdict": "the verdict on evidence {id}",
    "store.rec.institution": "institution {code}",
    "store.rec.comment": "the comment on {question} of {code}",
    "store.rec.own.preferences": "your preferences",
    "store.rec.own.language": "your language",
    "store.rec.own.notice_setting": "your notice setting",
    "store.rec.other.preferences": "the preferences of user {uid}",
    "store.rec.other.language": "the language of user {uid}",
    "store.rec.other.notice_setting": "the notice setting of {uid}",
})

MESSAGES.update({
    # values the store does not take (store/_values.py, _throttle.py)
    "store.not_storable_number": "{value} is not a number that can be stored",
    "store.table_rows": "table rows are mappings of column ids to values",
    "store.answer_type": "an answer cannot be a {type}",
    "store.sign_in_throttled": ("too many sign-in attempts: try again in {n} minute, or ask "
                                "your administrator to set a new password",
                                "too many sign-in attempts: try again in {n} minutes, or ask "
                                "your administrator to set a new password"),
    # assessments (store/assessments.py)
    "store.not_editable": "cannot {what}: assessment {code} is {state}; only a draft or an "
                          "assessment sent back for changes can be edited",
    "store.no_question": "{standard} v{version} has no question {id!r}",
    "store.no_question_hint": "{standard} v{version} has no question {id!r}{hint}",
    "store.no_benchmark": "{standard} v{version} has no benchmark {id!r}",
    "store.from_baseline": "{question} is taken from the baseline {baseline} ({source} there: "
                           "{value}); it is not answered again",
    "store.from_baseline_short": "{question} is taken from the baseline; it is not answered "
                                 "again",
    "store.na_needs_reason": "a benchmark marked not applicable needs the reason",
    "store.na_not_allowed": "{benchmark} cannot be claimed not applicable: {standard} "
                            "v{version} applies it to every institution; answer its questions "
                            "instead",
    "store.no_workforce_file": "assessment {code} has no workforce file",
    "store.period_order": "the period ends ({end}) before it starts ({start})",
    "store.code_taken": "an assessment with id {code!r} is already stored",
    "store.bad_purpose": "purpose must be one of {choices}, not {value!r}",
    "store.no_institution_visible": "no institution {id!r} that you can see",
    "store.standard_not_stored": "standard {standard} v{version} is not stored",
    "store.standard_not_stored_add": "standard {standard} is not stored; add it with seal db "
                                     "standards add PATH",
    "store.no_stored_standard": "no stored standard {id!r}",
})

MESSAGES.update({
    # submitting and reviewing (store/review/): what a transition requires
    "store.transition_state": "cannot {act} assessment {code}: it is {state}, and this is done "
                              "only from: {allowed}",
    "store.transition_purpose": "cannot {act} assessment {code}: it is a {purpose} assessment; "
                                "{what}",
    "store.baseline_not_reviewed": "record it as the baseline (record_baseline): a baseline is "
                                   "not reviewed or awarded",
    "store.certification_submitted": "a certification assessment is submitted for review",
    "store.fix_answers_first": "nothing was submitted: fix these answers first",
    "store.not_answered": "{question} is not answered ({benchmark}: {text})",
    "store.answers_left": ("every required question must be answered before the assessment is "
                           "submitted ({n} question left): nothing was submitted",
                           "every required question must be answered before the assessment is "
                           "submitted ({n} questions left): nothing was submitted"),
    "store.review_incomplete": "the review is not complete: nothing was decided",
    "store.request_first": "say what the institution must add or change first (request "
                           "evidence for a benchmark); nothing was sent back",
    "store.no_level": "the reviewed result ({score}) reaches no level; record the assessment as "
                      "not certified instead",
    "store.not_certifying": "{standard} v{version} is not a certifying standard (it teaches or "
                            "rehearses the Seal's process): no certificate can be issued on it; "
                            "record the assessment as not certified instead",
    "store.why_not_certified": "say why the assessment is not certified",
    "store.declare_first": "declare first that you have no conflict of interest with the "
                           "institution of {code} (declare_no_conflict): nothing was done",
    "store.lead_recommends": "only the lead of {code}'s assessment team recommends a decision; "
                             "give the lead your view",
    "store.four_eyes": "you are on {code}'s assessment team: the award is decided by a "
                       "programme officer who did not review it (four eyes)",
    "store.team_recommended_refusal": "the assessment team recommended not certifying {code}: "
                                      "record it as not certified, or return it to the team "
                                      "with the reason",
    "store.no_conflict_statement": "say in your own words why you have no conflict of interest "
                                   "with the institution",
    "store.not_under_review": "cannot {what}: assessment {code} is {state}, not under review",
    "store.declare_before": "cannot {what}: declare first that you have no conflict of interest "
                            "with the institution of {code}",
    "store.bad_decision": "decision {value!r} must be 'confirm' or 'override'",
    "store.override_status": "an override needs the status, one of {choices}",
    "store.override_justification": "an override needs a justification",
    "store.already_computed": "{benchmark} is already computed as {status}: confirm it instead",
    "store.left_out": "{benchmark} is left out by the standard itself and cannot be overridden",
    "store.bad_verdict": "verdict {value!r} must be 'accepted' or 'rejected'",
    "store.rejection_reason": "a rejected evidence item needs the reason",
    "store.no_evidence_visible": "no evidence item {id!r} that you can see",
    "store.named_only": "{title!r} ({requirement}) is named only: the file itself was never "
                        "uploaded, so it cannot be accepted; reject it with the reason, or "
                        "request the document from the institution",
    "store.accepting_needs_reason": "accepting a not-applicable claim needs the reason (why the "
                                    "benchmark does or does not apply to this institution)",
    "store.rejecting_needs_reason": "rejecting a not-applicable claim needs the reason (why the "
                                    "benchmark does or does not apply to this institution)",
    "store.no_claim": "{code} claims no exemption for {benchmark}",
    "store.remaining_changed": "the benchmarks left to confirm have changed since you looked "
                               "({now} now, {shown} shown): nothing was confirmed; look again",
    "store.say_what_needed": "say what is needed",
    "store.no_evidence_asked": "{benchmark} asks for no evidence {id!r}",
})

MESSAGES.update({
    # evidence (store/evidence.py)
    "store.file_type": "{name!r}: files of type {suffix!r} are not accepted as evidence "
                       "(accepted: {accepted}; see SEAL_EVIDENCE_TYPES)",
    "store.no_suffix": "(none)",
    "store.content_not_type": "{name!r} is named as a {suffix} file but its content is not one; "
                              "upload the file itself",
    "store.not_utf8": "{name!r} is not UTF-8 text",
    "store.no_evidence_requirement": "{standard} v{version} asks for no evidence {id!r}",
    "store.file_too_big": "{name!r} is {size} bytes, over the limit of {limit} "
                          "(SEAL_MAX_EVIDENCE_BYTES)",
    "store.file_empty": "{name!r} is empty",
    "store.evidence_title": "an evidence item needs a title",
    "store.not_a_link": "{url!r} is not a web link (http:// or https://)",
    "store.evidence_not_file": "evidence item {id!r} is a {kind}, not a file",
    "store.evidence_kind.link": "link",
    "store.evidence_kind.reference": "reference",
    "store.evidence_altered": "the stored file of evidence item {id!r} does not match its "
                              "SHA-256: the database was altered; restore it from a backup",
    # institutions, users, roles and assignments (store/directory.py)
    "store.institution_code": "institution code {code!r} must be letters, digits, '.', '_' or "
                              "'-' (at most 80), starting with a letter or digit",
    "store.institution_name": "an institution needs a name",
    "store.institution_country": "an institution needs a country",
    "store.institution_scope": "scope {scope!r} must be 'national' or 'subnational'",
    "store.institution_taken": "an institution with code {code!r} already exists",
    "store.no_parent": "no parent institution {id!r}",
    "store.unchangeable": "cannot change {fields} of an institution (changeable: {allowed})",
    "store.no_institution": "no institution {id!r}",
    "store.not_an_email": "{email!r} is not an e-mail address",
    "store.display_name": "a user needs a display name",
    "store.email_taken": "a user with e-mail {email!r} already exists",
    "store.no_user": "no user {id!r}",
    "store.bad_role": "role {role!r} is not one of {roles}",
    "store.focal_needs_institution": "a focal point is the focal point of one institution: "
                                     "give it (and only for that role)",
    "store.analyst_needs_country": "an analyst reads the results of one country: give it (and "
                                   "only for that role)",
    "store.no_country": "no institution is in {country!r}{hint}; the countries of the "
                        "institutions are: {countries}",
    "store.has_role": "the user already has the role {role}",
    "store.has_role_for": "the user already has the role {role} for {scope}",
    "store.lacks_role": "the user has no role {role}",
    "store.lacks_role_for": "the user has no role {role} for {scope}",
    "store.wrong_password": "the current password is wrong",
    "store.last_admin_role": "{email} is the last active administrator: cannot take the admin "
                             "role away from them. Give another user the admin role first "
                             "(seal users grant EMAIL admin)",
    "store.last_admin_deactivate": "{email} is the last active administrator: cannot deactivate "
                                   "them. Give another user the admin role first (seal users "
                                   "grant EMAIL admin)",
    "store.no_assessment_id": "no assessment {id!r}",
    "store.not_assessor": "the user is not an assessor: grant them the assessor role first",
    "store.already_assigned": "the assessor is already assigned to this assessment",
    "store.not_assigned": "that assessor is not assigned to that assessment",
    # threads and comments (store/threads.py)
    "store.too_long.comment": "the comment is {length} characters long; at most {limit} are "
                              "allowed: shorten it by {over} (nothing was saved)",
    "store.too_long.message": "the message is {length} characters long; at most {limit} are "
                              "allowed: shorten it by {over} (nothing was saved)",
    "store.thread_declare_first": "cannot write in the threads of {code}: declare first that "
                                  "you have no conflict of interest with the institution",
    "store.empty_message": "write the message first: it is empty",
    "store.thread_closed": "cannot write in the threads of {code}: it is {state}, and nothing "
                           "is added after the decision",
})

MESSAGES.update({
    # certificates (store/certificates.py)
    "store.signing_key_unusable": "{problem}; nothing was certified",
    "store.no_signing_key": "certificates are signed, and no signing key is configured, so "
                            "nothing was certified: create the programme's key with 'seal keys "
                            "generate -o /secure/place/seal-signing-key.pem' and set "
                            "SEAL_SIGNING_KEY to that file",
    "store.no_certificate": "no certificate {id!r} (give its id, or the id or code of the "
                            "certified assessment)",
    "store.revoke_reason": "say why the certificate is revoked (whoever verifies it reads the "
                           "reason)",
    "store.already_revoked": "the certificate was already revoked on {day}: {reason}",
    "store.unsigned_certificate": "this certificate was issued before certificates were "
                                  "signed: it has no token to print; certify again to issue a "
                                  "signed one",
    "store.token_no_longer_verifies": "the stored token no longer verifies ({reason}): the "
                                      "database was changed behind the engine's back",
    "store.renew_certified_only": "only a certified assessment is renewed; {code} is {state}",
    # the column mapping of a workforce file (store/column_mapping.py)
    "store.someone": "someone",
    "store.the_command_line": "the command line",
    "store.mapping_stale": "the column mapping of {code} is at version {version} (saved by "
                           "{who}), not {read} as you read it; reload it",
    "store.no_saved_mapping": "{code} has no saved column mapping; save one first (seal staff "
                              "mapping set)",
    "store.bad_mapping": "mapping must be a column mapping, 'saved', 'auto' or None, got "
                         "{value}",
    # the programme's stages (store/stages.py)
    "store.commitment_missing": "the institution's commitment is not recorded: the head's "
                                "signed letter and the Gender Equality Committee's founding "
                                "act come first (record_commitment); nothing was done",
    "store.baseline_missing": "no baseline is recorded before this assessment: record the "
                              "institution's baseline self-assessment first (a certification "
                              "decided before also serves); nothing was submitted",
    "store.plan_not_approved": "the action plan is not approved by the head of the institution "
                               "or its Gender Equality Committee (approve_action_plan); "
                               "nothing was submitted",
    "store.plan_of_not_approved": "the action plan of {code} is not approved by the head of the "
                                  "institution or its Gender Equality Committee "
                                  "(approve_action_plan); nothing was submitted",
    "store.implementation_short": "the plan approved on {approved} has run {days} days; the "
                                  "standard asks for {months} months of implementation before "
                                  "the application, so it can be submitted from {ready}",
    "store.letter_in_future": "the letter cannot be signed on {day}, after today",
    "store.bad_approver": "approved_by must be 'head' or 'committee', not {value!r}",
    "store.plan_approval_state": "the plan of {code} is approved once the assessment is "
                                 "recorded as the baseline (or decided); it is {state}",
    "store.plan_already_approved": "the plan of {code} was approved on {day}; an approval is "
                                   "not replaced (the next period's plan is approved on its own "
                                   "baseline)",
    "store.plan_has_no_actions": "{code} has no action plan with actions yet: draft and save it "
                                 "before its approval",
    "store.approval_in_future": "a plan cannot be approved on {day}, after today",
    # action plans (store/plans.py)
    "store.not_a_plan": "not an action plan: {reason}",
    "store.plan_other_assessment": "the plan is for assessment {plan!r}, not {code!r}",
    "store.plan_approved_changed": "the action plan of {code} was approved by the {by} on "
                                   "{day}: its actions stay as approved ({changed}); only their "
                                   "progress (status, progress, evidence, notes) is reported",
    "store.plan_changed.actions": "actions added, removed or reordered",
    "store.plan_changed.row": "row {no} ({action}): {fields}",
    "store.plan_changed.plan": "the plan's {fields}",
    "store.plan_decided": "cannot change the action plan of {code}: the assessment is {state}; "
                          "plan the next period in a new assessment (renewal)",
    "store.no_plan_yet": "assessment {code} has no action plan yet",
})

MESSAGES.update({
    # users' own settings, accounts and tokens (preferences.py, notices.py, auth.py, tokens.py)
    "store.no_preferences": "the command line has no preferences: name the user",
    "store.no_notices": "the command line receives no notices: name the user",
    "store.unknown_time_zone": "{zone!r} is not a time zone this server knows (an IANA name "
                               "such as 'America/Panama'){hint}",
    "store.not_a_language": "{lang!r} is not a language code (such as 'es', 'fr' or 'pt')",
    "store.password_profile": "SEAL_PASSWORD_PROFILE {profile!r} is not an argon2 profile "
                              "(known: {known})",
    "store.password_short": "a password needs at least {n} characters",
    "store.wrong_sign_in": "wrong e-mail address or password",
    "store.wrong_sign_in_or_deactivated": "wrong e-mail address or password, or the account is "
                                          "deactivated",
    "store.api_throttled": "more than {limit} requests a minute with this token: try again in "
                           "{seconds} s",
    "store.user_deactivated": "user {user!r} is deactivated: a token for them would do nothing",
    "store.token_name": "a token needs a name saying what it is for, e.g. 'HR system nightly "
                        "push'",
    "store.token_name_long": "a token's name has at most {limit} characters, got {length}",
    "store.no_token_for_system": "the command line cannot have a token: name a user",
    "store.no_token": "no token {id!r}",
    # report templates (store/report_templates.py)
    "store.unknown_report_kind": "unknown report kind {kind!r}; choose one of {choices}",
    "store.not_a_language_tag": "language {lang!r} is not a language tag such as 'en', 'fr', "
                                "'es' or 'pt-BR'",
    "store.template_docx": "a report template is a Word document saved as .docx",
    "store.no_template": "no {kind} report template uploaded for language {lang!r}",
    "store.template_altered": "the stored {kind} report template for {lang!r} does not match "
                              "its SHA-256: the database was altered; upload the template again",
    # answers pushed by a program (store/pushes.py)
    "store.answers_mapping": "answers must be a mapping of question ids to values",
    "store.too_many_answers": "at most {limit} answers in one push, got {count}",
    # moving to another version of the standard (store/versions.py)
    # standards (store/standards.py)
    "store.not_a_standard": "not a standard file or folder (no standard.yaml)",
    "store.standard_changed": "standard {standard} v{version} is already stored with other "
                              "content (hash {stored}…, this one {given}…); a changed standard "
                              "needs a new version number",
    # importing and exporting (store/transfer.py)
    "store.import_over_limit": "{ref!r} is over the evidence limit of {limit} bytes "
                               "(SEAL_MAX_EVIDENCE_BYTES)",
    "store.import_twice": "assessment id {code!r} is in more than one file",
    "store.nothing_imported_fix": ("nothing was imported: fix the {n} problem above",
                                   "nothing was imported: fix the {n} problems above"),
    "store.import_taken": "assessment {code!r} is already in the database",
    "store.nothing_imported": "nothing was imported",
})

MESSAGES.update({
    # answers imported from a form or the Excel questionnaire (store/form_import.py)
    "store.import_not_editable": "{code} is {state}: only a draft or an assessment sent back "
                                 "for changes takes answers",
    "store.import_state": "{code} is {state}",
    "store.export_tag": "seal_standard is {tag!r}, not ID@VERSION: this export was not made "
                        "with a form seal-engine generated",
    "store.export_no_tag": "this export has no seal_standard column (it was filtered, or made "
                           "with another form): name the assessment it is for (--institution "
                           "and --period)",
    "store.export_version": "this export is of the form of {standard} v{version}, a version "
                            "the database does not hold: fill in the form of the version the "
                            "assessment uses (seal xlsform {standard}@VERSION)",
    "store.import_from_baseline": "{question} is taken from the baseline {baseline} ({value} "
                                  "there), not answered again: leave it empty (at {where})",
    "store.questionnaire_unnamed": "this questionnaire does not name its assessment: give "
                                   "--institution and --period (or import it on the "
                                   "assessment's page)",
    "store.questionnaire_other": "this questionnaire was filled in from {named}, not {code}: "
                                 "import it into that assessment, or download this one's "
                                 "questionnaire",
    "store.questionnaire_version": "this is the questionnaire of {standard} v{version}, but "
                                   "{code} is assessed against {target} v{target_version}: "
                                   "download the questionnaire of that version",
    "store.open_assessments": "{count} open assessments of {institution!r} for {period!r} that "
                              "you can see; one is needed",
    # moving to another version of the standard (store/versions.py)
    "store.version_not_stored": "version {version} of {standard} is not stored; add it first "
                                "(seal db import STANDARD_FOLDER)",
    "store.already_on_version": "{code} is already on {standard} v{version}",
    "store.move_would_drop": ("moving {code} to v{version} would drop the {n} item above; move "
                              "with drop=True (seal db move --drop) once it is copied "
                              "elsewhere, or answer it differently first",
                              "moving {code} to v{version} would drop the {n} items above; move "
                              "with drop=True (seal db move --drop) once they are copied "
                              "elsewhere, or answer them differently first"),
    # settings and the database itself (sessions.py, engine.py, migrate.py, demo.py)
    "store.session_hours": "SEAL_SESSION_HOURS must be a number of hours between 0 and 2160, "
                           "got {value!r}",
    "store.no_audit_head": "the database has no audit head row; run seal db upgrade",
    "store.no_database": "there is no database at {path}; create it with: seal db init (or "
                         "check {where})",
    "store.no_folder": "the folder {path} does not exist; create it, or check {where}",
    "store.busy_timeout": "setting SEAL_DB_BUSY_TIMEOUT must be a number of seconds, got "
                          "{value!r}",
    "store.not_a_url": "{url!r} is not a database URL (expected e.g. sqlite:///path/seal.db or "
                       "postgresql+psycopg://user@host/db)",
    "store.unsupported_database": "database {backend!r} is not supported; use sqlite:///... or "
                                  "postgresql+psycopg://...",
    "store.cannot_open": "cannot open the database {url}: {reason}",
    "store.cannot_migrate": "cannot migrate to {revision!r}: {reason}",
    "store.no_schema": "the database {url} has no seal-engine schema yet; create it with: seal "
                       "db upgrade (or seal db init)",
    "store.schema_newer": "the database {url} is at schema revision {current!r}, newer than "
                          "this seal-engine knows (newest: {head!r}); install the seal-engine "
                          "that upgraded it",
    "store.schema_older": "the database {url} is at schema revision {current!r}; this "
                          "seal-engine needs {head!r}: back it up, then run: seal db upgrade",
    "store.demo_not_empty": "the database {url} already holds data; the demo is loaded only "
                            "into an empty one (use another SEAL_DATA_DIR or SEAL_DATABASE_URL)",
    "store.bad_scope": "scope {scope!r} must be 'national' or 'subnational'",
    # audit checkpoints (store/audit/verify.py)
    "store.checkpoint_shape": "a checkpoint needs a whole number 'seq' and a 64-digit 'hash'",
    "store.checkpoint_not_jws": "the checkpoint's token is not a JWS in compact serialisation "
                                "(header.claims.signature)",
    "store.checkpoint_typ": "the token is not an audit checkpoint (its typ is not {typ!r})",
    "store.checkpoint_unreadable": "cannot read the checkpoint: {reason}",
    "store.checkpoint_utf8": "a checkpoint is UTF-8 text",
    "store.checkpoint_json": "a checkpoint is JSON ({reason})",
    "store.checkpoint_object": "a checkpoint is a JSON object {{seq, hash}}",
    "store.checkpoint_token_text": "the checkpoint's token is text",
    "store.checkpoint_edited": "the checkpoint says {name} {given} but its signed token says "
                               "{signed}: the file was edited after it was signed",
})

MESSAGES.update({
    # what a move to another version of the standard drops (store/versions.py)
    "store.kind.answer": "answer",
    "store.kind.claim": "claim",
    "store.kind.evidence": "evidence",
    "store.dropped": "{kind} {record}: {why}",
    "store.drop.no_question": "v{version} has no question {id}",
    "store.drop.no_benchmark": "v{version} has no benchmark {id}",
    "store.drop.na_not_allowed": "v{version} applies {id} to every institution: it cannot be "
                                 "claimed not applicable",
    "store.drop.no_evidence": "v{version} asks for no evidence {id}",
})

MESSAGES.update({
    # exporting the database (store/transfer.py)
    "store.export_not_folder": "exists and is not a folder",
    "store.export_not_empty": "the folder is not empty; choose a new one (or --force to write "
                              "over what is there)",
    "store.export_bad_file": "stored standard {standard} v{version} has a file named {path!r}, "
                             "which is not written out",
})

MESSAGES.update({
    # a role, as a refusal names the roles a user holds
    "store.role.focal_point": "focal point",
    "store.role.assessor": "assessor",
    "store.role.programme_officer": "programme officer",
    "store.role.analyst": "analyst",
    "store.role.admin": "admin",
})

MESSAGES.update({
    # why a benchmark's reviewed status differs from the self-assessed one
    # (store.compare_results: the Results and Review pages)
    "difference.overridden": "The assessor overrode the status: {justification}",
    "difference.claim_not_accepted": "The not-applicable claim is not accepted (yet)",
    "difference.evidence_rejected": "The assessor rejected evidence it relies on",
    "difference.review_changed": "The review changed the status",
})
