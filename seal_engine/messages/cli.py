"""The command line's own words: what ``seal`` prints besides the engine's results (the
``error:``/``warning:`` prefixes, what a command did, its refusals of bad arguments).  The help
texts of options and commands stay English (typer builds them before the language is known;
see docs/cli.md)."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    "cli.error": "error: {problem}",
    "cli.warning": "warning: {problem}",
    "cli.more_problems": ("error: … and {n} more problem; fix these first",
                          "error: … and {n} more problems; fix these first"),
    "cli.unknown_lang": "no language {lang!r}; choose one of {choices}",
    # seal score / validate / explain / template
    "cli.scored": ("scored {n} assessment", "scored {n} assessments"),
    "cli.scored_failed": ("scored {count}; {n} file could not be scored (above)",
                          "scored {count}; {n} files could not be scored (above)"),
    "cli.assessments": ("{n} assessment", "{n} assessments"),
    "cli.format_for_one": "{format} is for one assessment; for several choose table, csv or "
                          "jsonl",
    "cli.locale_for_one": "--locale is for one assessment",
    "cli.validated_standard": "ok: {path}: standard {id} v{version}, {dimensions}, {benchmarks}, "
                              "{actions}",
    "cli.validated_standard_extends": "ok: {path}: standard {id} v{version}, {dimensions}, "
                                      "{benchmarks}, {actions}, extends {parent} "
                                      "v{parent_version}",
    "cli.dimensions": ("{n} dimension", "{n} dimensions"),
    "cli.benchmarks": ("{n} benchmark", "{n} benchmarks"),
    "cli.actions": ("{n} action", "{n} actions"),
    "cli.answers": ("{n} answer", "{n} answers"),
    "cli.validated_assessment": "ok: {path}: assessment {id} of {institution} against "
                                "{standard} v{version}, {answers}",
    "cli.validated_assessment_staff": "ok: {path}: assessment {id} of {institution} against "
                                      "{standard} v{version}, {answers}, workforce file "
                                      "{workforce}",
    "cli.validated_assessment_staff_count": "ok: {path}: assessment {id} of {institution} "
                                            "against {standard} v{version}, {answers}, "
                                            "workforce file {workforce} ({staff} staff)",
    "cli.plan_needs_from": "--plan needs --from (the assessment the plan was made for)",
    "cli.template_other_standard": "{path} is an assessment against {old} v{old_version}, not "
                                   "{new} v{new_version}; {kept} of its {answers} answers are "
                                   "to questions this standard asks",
    "cli.wrote_template": ("wrote {path} ({n} question)", "wrote {path} ({n} questions)"),
    "cli.output_refused": "{path!r} {problem}",
    # seal gaps / actions
    "cli.xlsx_not_terminal": "an XLSX workbook cannot go to the terminal; add {example}",
    "cli.plan_in_place": "{path!r} is the plan being read; add --force to rewrite it in place",
    "cli.wrote_plan": "wrote {path} ({actions}, {start} to {end})",
    "cli.wrote_plan_aside": ("wrote {path} ({actions}, {start} to {end}); {n} library action "
                             "set aside, see the summary",
                             "wrote {path} ({actions}, {start} to {end}); {n} library actions "
                             "set aside, see the summary"),
}

MESSAGES.update({
    "cli.wrote": "wrote {path}",
    "cli.cannot_read": "{path!r} cannot be read ({reason})",
    # seal metrics / workforce-template
    "cli.not_a_breakdown": "{value!r} is not a breakdown (choose from {choices})",
    "cli.breakdown_twice": "{value!r} names a breakdown twice",
    "cli.band_shape": "{value!r} is not LOW,HIGH in per cent, e.g. 47,53",
    "cli.band_order": "{value!r}: LOW is above HIGH",
    "cli.grade_twice": "{value!r} names a grade twice",
    "cli.justifications_need_pay": "justifications are read for the pay report; add --pay-report",
    "cli.xlsx_pay_only": "an XLSX workbook is for the pay report; add --pay-report, or choose "
                         "table, json or csv",
    "cli.no_breakdown_column": "the workforce file has no {column!r} column (it has: {columns})",
    "cli.justifications_too_big": "file is over {limit} bytes; a file of justifications holds a "
                                  "few rows",
    "cli.wrote_workforce_per_person": "wrote {path} (one row per person)",
    "cli.wrote_workforce_aggregated": "wrote {path} (aggregated rows)",
    # seal schema
    "cli.schemas_stale": "out of date: {names}; run: seal schema -o {output}",
    "cli.schemas_current": ("the {n} schema in {output} is current",
                            "the {n} schemas in {output} are current"),
    # seal report
    "cli.unknown_report_kind": "unknown report kind {kind!r}; choose one of {choices}",
    "cli.unknown_report_format": "unknown report format {format!r}; choose one of {choices}",
    "cli.wrote_report": ("wrote {path} ({kind} report, {format}, {n} byte)",
                         "wrote {path} ({kind} report, {format}, {n} bytes)"),
    "report_kind.results": "results",
    "report_kind.review": "review",
    "report_kind.pay": "pay",
    "report_kind.portfolio": "portfolio",
    # seal compare / generate
    "cli.paths_or_db": "give PATHs or --db, not both",
    "cli.paths_needed": "give assessment files or folders, or --db for the database",
    "cli.not_a_year": "{value!r} is not a year",
    "cli.one_year_needed": "give at least one year",
    "cli.yaml_or_json": "{value!r}: choose yaml or json",
})

MESSAGES.update({
    # seal process
    "cli.not_a_date": "{option}: {value!r} is not a date (YYYY-MM-DD)",
    "cli.not_a_file": "{option}: {path!r} is not a file",
    "cli.stages_of": "{code} {name}: stages required by {standard}",
    "cli.default_stages": "the default",
    "cli.stage": "{stage}: {state}",
    "cli.stage_facts": "{stage}: {state} ({facts})",
    "cli.next_stage": "next: {stage}",
    "cli.no_next_stage": "next: nothing before the award",
    "cli.recorded_commitment": "recorded the commitment of {code} (letter signed on {day})",
    "cli.recorded_plan_approval": "recorded the approval of the plan of {code} by the {by} on "
                                  "{day}",
    "approver.head": "head",
    "approver.committee": "committee",
    "stage.commitment": "Commitment of the head and the committee",
    "stage.baseline": "Baseline self-assessment",
    "stage.plan_approval": "Action plan approved",
    "stage.implementation": "Implementation of the plan",
    "stage.application": "Application (external assessment)",
    "stage.award": "Award decision and certificate",
    "stage_state.done": "done",
    "stage_state.not_required": "not required",
    "stage_state.to_do": "to do",
    # what a stage rests on (seal process status), one fact each
    "cli.fact.signed_on": "letter signed on {value}",
    "cli.fact.assessment": "assessment {value}",
    "cli.fact.draft": "draft {value} being answered",
    "cli.fact.state": "{value}",
    "cli.fact.approved_on": "approved on {value}",
    "cli.fact.approved_by": "by the {value}",
    "cli.fact.months": ("{n} month required from the approval",
                        "{n} months required from the approval"),
    "cli.fact.rows": ("{n} action in the plan", "{n} actions in the plan"),
    "cli.fact.done_rows": ("{n} done", "{n} done"),
    "cli.fact.ready_on": "the application can be submitted from {value}",
    "cli.fact.days": ("{n} day since the approval", "{n} days since the approval"),
    "cli.fact.held_level_title": "certificate held: {value}",
    "cli.fact.held_until": "valid until {value}",
})

MESSAGES.update({
    # counts the database commands print
    "cli.n.institution": ("{n} institution", "{n} institutions"),
    "cli.n.user": ("{n} user", "{n} users"),
    "cli.n.standard": ("{n} standard", "{n} standards"),
    "cli.n.certificate": ("{n} certificate", "{n} certificates"),
    "cli.n.evidence_file": ("{n} evidence file", "{n} evidence files"),
    "cli.n.new_institution": ("{n} new institution", "{n} new institutions"),
    "cli.n.new_standard": ("{n} new standard", "{n} new standards"),
    "cli.n.file": ("{n} file", "{n} files"),
    "cli.n.problem": ("{n} problem", "{n} problems"),
    "cli.n.entry": ("{n} entry", "{n} entries"),
    "cli.n.business_row": ("{n} business row", "{n} business rows"),
    "cli.n.anchor": ("{n} anchor", "{n} anchors"),
    "cli.n.row": ("{n} row", "{n} rows"),
    "cli.n.record": ("{n} record", "{n} records"),
    # seal db
    "cli.db.database": "database: {url}",
    "cli.db.no_schema": "none (run: seal db init)",
    "cli.db.schema": "schema: {current}; this seal-engine: {head}",
    "cli.db.schema_upgrade": "schema: {current}; this seal-engine: {head}  (run: seal db "
                             "upgrade)",
    "cli.db.state_count": "{state} {n}",
    "cli.db.counts": "{institutions}, {users}, {standards}, {assessments}, {certificates}, "
                     "{evidence}",
    "cli.db.counts_states": "{institutions}, {users}, {standards}, {assessments} ({states}), "
                            "{certificates}, {evidence}",
    "cli.db.audit_head": "audit head: entry {seq}, hash {hash}",
    "cli.db.none": "none",
    "cli.db.migrated": "{url}: schema {before} -> {after}",
    "cli.db.confirm_downgrade": "migrate {url} down to {revision}? Data in tables that go away "
                                "is lost",
    "cli.db.created": "created {url} (schema {schema})",
    "cli.db.not_current": "{url} is at schema {schema}; run seal db upgrade first",
    "cli.db.initialised": "{url} is initialised (schema {schema})",
    "cli.db.demo_loaded": "loaded the demo: {assessments} of the bundled examples, "
                          "{certificates}",
    "cli.db.demo_state": "  {code}: {state}",
    "cli.db.demo_sign_in": "Sign in with one of these (demo passwords: never put real data "
                           "here):",
    "cli.demo_account": "  {role}: {email} / {password}",
    "cli.demo_account_of": "  {role} of {scope}: {email} / {password}",
    "cli.db.imported": "imported {assessments}, {institutions}, {standards}",
    "cli.db.moved": "{assessment}: moved from {standard} v{old} to v{new}, keeping {answers}",
    "cli.db.would_move": "{assessment}: would move from {standard} v{old} to v{new}, keeping "
                         "{answers}",
    "cli.db.dropped": "  dropped {kind} {record}: {why}",
    "cli.db.would_drop": "  would drop {kind} {record}: {why}",
    "cli.db.nothing_changed": "nothing was changed; add --apply to move it",
    "cli.db.nothing_changed_drop": "nothing was changed; add --apply to move it (and --drop to "
                                   "accept what is dropped)",
    "cli.db.exported": "wrote {assessments} ({files}) to {output}",
    "cli.db.jwks_unreadable": "cannot read the JWKS {path!r}: {reason}",
    "cli.db.not_jwks": "{path!r} is not a JWKS (a JSON object with a 'keys' list)",
    "cli.db.finding": "error: {kind}: {message}",
    "cli.db.finding_at": "error: audit entry {seq}: {kind}: {message}",
    "cli.db.audit_fails": "the audit trail does not verify: {problems}",
    "cli.db.audit_ok": "ok: {entries} verified, head {seq} {hash}; {rows} match their seals; "
                       "{anchors} checked (certificates and checkpoints)",
    "cli.db.checkpoint_exists": "{path!r} exists; checkpoints are never overwritten",
    "cli.db.wrote_signed": "wrote {path} (signed, key {kid})",
    "cli.db.sealed": "sealed {rows} of {records} with audit.baseline entries",
    "cli.db.never_written": "warning: {scope} was never written by an audit entry: not sealed "
                            "(seal audit verify names its rows)",
    "cli.db.bad_span": "{value!r} is not a time span like 90d, 12w, 6m or 1y",
    "cli.password": "Password",
    # seal users, seal institutions, seal assign
    "cli.users.added": "added {email} ({name}); grant a role with: seal users grant {email} ROLE",
    "cli.head.email": "E-mail",
    "cli.head.name": "Name",
    "cli.head.active": "Active",
    "cli.head.roles": "Roles",
    "cli.head.code": "Code",
    "cli.head.country": "Country",
    "cli.head.scope": "Scope",
    "cli.head.sector": "Sector",
    "cli.users.roles": "{email}: {roles}",
    "cli.users.password_set": "password of {email} set",
    "cli.users.active": "{email}: active",
    "cli.users.deactivated": "{email}: deactivated (undo with: seal users activate {email})",
    "cli.institutions.added": "added {code}: {name} ({country}, {scope})",
    "cli.assign.removed": "{email} no longer assesses {code}",
    "cli.assign.added": "{email} now assesses {code} ({institution}, {state})",
})

MESSAGES.update({
    # seal certificates, seal keys
    "cli.cert.revoked": "revoked",
    "cli.cert.expired": "expired",
    "cli.cert.none": "no certificates",
    "cli.cert.none_expiring": "no certificates expiring within {span}",
    "cli.head.id": "Id",
    "cli.head.institution": "Institution",
    "cli.head.level": "Level",
    "cli.head.standard": "Standard",
    "cli.head.issued": "Issued",
    "cli.head.valid_until": "Valid until",
    "cli.head.days_left": "Days left",
    "cli.head.audit_entry": "Audit entry",
    "cli.exists_force": "{path} exists; use --force to replace it",
    "cli.cert.input_too_big": "{path} is {size} bytes; a certificate's PDF is far smaller",
    "cli.not_regular": "{path} is not a regular file",
    "cli.cert.jwks_unreadable": "{path}: not a readable JWKS file ({reason})",
    "cli.cert.offline_valid": "the signature holds and it has not expired (offline: revocation "
                              "is known only to the programme's /verify page)",
    "cli.cert.status.valid": "VALID",
    "cli.cert.status.revoked": "REVOKED",
    "cli.cert.status.expired": "EXPIRED",
    "cli.cert.status.not_genuine": "NOT GENUINE",
    "cli.cert.status.unknown_key": "UNKNOWN KEY",
    "cli.cert.status.malformed": "MALFORMED",
    "cli.cert.verdict": "{status}: {message}",
    "cli.cert.institution": "institution",
    "cli.cert.level": "level",
    "cli.cert.standard": "standard",
    "cli.cert.score": "score",
    "cli.cert.issued_on": "issued on",
    "cli.cert.valid_until": "valid until",
    "cli.cert.certificate": "certificate",
    "cli.cert.issuer": "issuer",
    "cli.cert.audit_entry": "audit entry",
    "cli.cert.key": "key",
    "cli.cert.revoked_on": "revoked",
    "cli.cert.no_expiry": "no expiry",
    "cli.cert.score_line": "{score} ({points} of {max_points}, {basis})",
    "cli.cert.revoked_line": "{day}: {reason}",
    "cli.cert.did_revoke": "revoked certificate {id} ({institution}, {level}): {reason}",
    "cli.keys.exists": "{path} exists: a signing key is never replaced (certificates it signed "
                       "verify with its public key); choose another file",
    "cli.keys.no_folder": "the folder {path} does not exist",
    "cli.keys.created": "created {path} (Ed25519; key id {kid})",
    "cli.keys.signed_once": "Certificates are signed with it once the app and the command line "
                            "see:",
    "cli.keys.published": "Its public key is published (seal certificates jwks) when it first "
                          "signs; keep older keys' files only to sign again with them.",
    # seal serve, seal app
    "cli.serve.creating_demo": "creating the demo in {url} (once; about a minute)…",
    "cli.serve.not_demo": "the database {url} holds data and is not a demo database: the demo "
                          "is created only in an empty one. Start without --demo, or give the "
                          "demo a database of its own (another SEAL_DATA_DIR or "
                          "SEAL_DATABASE_URL)",
    "cli.serve.open": "open http://{host}:{port} in a browser and sign in",
    "cli.serve.demo_accounts": "demo accounts (public passwords: never put real data in this "
                               "database):",
    "cli.serve.empty": "the database is empty: add the first admin with seal users add EMAIL "
                       "and seal users grant EMAIL admin",
    # seal report-templates
    "cli.templates.none": "no template uploaded: every report uses the shipped template of its "
                          "kind",
    "cli.templates.line": "{kind}  {lang}  {file}  ({size} bytes, sha256 {sha}…, {when} by "
                          "{who})",
    "cli.templates.kept": "kept {file} as the {kind} report template for {lang} ({size} bytes, "
                          "sha256 {sha})",
    "cli.templates.wrote_uploaded": "wrote {path} (uploaded {kind} template {name}, {size} "
                                    "bytes)",
    "cli.templates.wrote_shipped": "wrote {path} (shipped {kind} template {name}, {size} bytes)",
    "cli.templates.deleted": "deleted the {kind} report template for {lang}",
})

MESSAGES.update({
    # what the commands print besides results (progress, staff data, translations, reports)
    "cli.progress.scoring": "Scoring",
    "cli.xlsx_to_file": "an xlsx workbook is written to a file: give -o FILE",
    "cli.plan_yaml_only": "the action plan's evidence goes into a YAML assessment (without -f "
                          "xlsx)",
    "cli.n.draft": ("{n} draft", "{n} drafts"),
    "cli.n.country": ("{n} country", "{n} countries"),
    "cli.n.workforce_file": ("{n} workforce file", "{n} workforce files"),
    "cli.n.standard_file": ("{n} standard file", "{n} standard files"),
    "cli.n.text": ("{n} text", "{n} texts"),
    "cli.generated": "wrote {assessments} of {institutions} ({drafts}) in {countries}, "
                     "{workforce_files} and {standard_files} under {output}",
    "cli.try": "try: {command}",
    "cli.report.not_found": "{source!r} is neither a file nor a folder; give files, or one id "
                            "in the database",
    "cli.report.one_assessment": "a {kind} report is of one assessment: give its file or its id",
    "cli.report.as_for_db": "--as is for the database, not for files",
    "cli.report.portfolio_sources": "a portfolio report reads files or folders, or the whole "
                                    "database (give nothing)",
    "cli.report.standard_for_files": "--standard is for files: a stored assessment has its own",
    "cli.no_such_file": "no such file {path!r}",
    "cli.staff.no_mapping": "{institution} has no column mapping; set one with: {command}",
    "cli.staff.mapping_version": "# version {version}, saved {when} UTC by {who}",
    "cli.staff.mapping_saved": "column mapping of {institution}: version {version}",
    "cli.staff.columns_of": "# columns of {file}: {columns}",
    "cli.staff.null_note": "# null: the column is left out; check each guess before saving",
    "cli.staff.columns_or_as_is": "give --columns or --as-is, not both",
    "cli.staff.as_is": "as it is",
    "cli.staff.mapped_by_file": "mapped by {path}",
    "cli.staff.mapped_by_saved": "mapped by the institution's column mapping, version {version}",
    "cli.staff.stored": "stored the staff data of {code} ({how}): version {version}",
    "cli.staff.unchanged": "the staff data of {code} is already this file ({how}): nothing "
                           "changed",
    "cli.i18n.exported": "wrote {path}: {texts} of {id} v{version} ({records} already "
                         "translated into {lang})",
    "cli.i18n.no_standard": "{path} names no standard (its Project-Id-Version); give it with "
                            "--standard",
    "cli.i18n.no_language": "{path} names no language (its Language header)",
    "cli.i18n.imported": "wrote {path}: {records} of {id} v{version} in {lang}",
    "cli.i18n.problems": "{problems} in the shipped languages ({langs})",
    "cli.i18n.complete": "every shipped language is complete: {langs}",
    # seal standards
    "cli.head.version": "Version",
    "cli.head.title": "Title",
    "cli.head.extends": "Extends",
    "cli.head.path": "Path",
    "cli.standards.not_used": "{path}  (not used: the same id and version is found earlier)",
    # the roles of the demo accounts (seal db init --demo, seal app --demo)
    "role.focal_point": "focal point",
    "role.assessor": "assessor",
    "role.programme_officer": "programme officer",
    "role.analyst": "government analyst",
    "role.admin": "administrator",
})
