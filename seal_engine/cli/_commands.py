"""The ``seal`` commands as data: name -> (module, first paragraph of the help,
short help, hidden, deprecated), in the order ``seal --help`` lists them.  Written by
``python -m seal_engine.cli._index``; do not edit."""

COMMANDS: dict[str, tuple[str, str | None, str | None, bool, bool | str]] = {
    'validate':
        ('assess',
         'Check standards and assessments; print one located error a line.',
         None,
         False,
         False),
    'score':
        ('assess',
         'Score an assessment: benchmark status, dimension scores, the level reached and what\n'
         'blocks the next one; or many, one row each.',
         None,
         False,
         False),
    'explain':
        ('assess',
         "Explain one benchmark's status in words: each condition, the values seen, the "
         'evidence.',
         None,
         False,
         False),
    'template':
        ('assess',
         'Write a blank assessment for a standard: every question with its type and allowed '
         'values;\n'
         "or, with --from, next period's self-assessment started from the last one.",
         None,
         False,
         False),
    'assign':
        ('db',
         'Assign an assessor to an assessment in the database (or, with --remove, take them '
         'off).',
         None,
         False,
         False),
    'xlsform':
        ('forms',
         "Write the standard's questionnaire as an XLSForm for KoboToolbox and ODK Collect.",
         None,
         False,
         False),
    'notify':
        ('notify',
         'Send the e-mail notices that are due (submissions to the assessment team, changes\n'
         'requested and award decisions to the institution, certificates expiring in 90 and 30\n'
         'days, plan milestones), each once; safe to run from cron, even twice at once. The '
         'mail\n'
         'server comes from SEAL_SMTP_* (docs/notices.md).',
         None,
         False,
         False),
    'gaps':
        ('plans',
         'List the benchmarks not yet met, ranked by the shortest path to the next (or target)\n'
         'level, with the failing clauses, the missing evidence and the actions under way.',
         None,
         False,
         False),
    'actions':
        ('plans',
         "Draft the improvement action plan for the gaps from the standard's action library, or\n"
         'read back an edited plan; check each row is SMART; export Markdown, CSV, XLSX or JSON.',
         None,
         False,
         False),
    'compare':
        ('portfolio',
         'Compare institutions: ranking, level distribution, national against subnational,\n'
         'benchmark pass rates, the parity dashboard and the change between periods.',
         None,
         False,
         False),
    'generate':
        ('portfolio',
         'Write a synthetic portfolio of fictional institutions: assessments over several\n'
         'periods with workforce files, national and subnational, every level, drafts, two '
         'versions\n'
         'of a standard and the national adaptation.',
         None,
         False,
         False),
    'report':
        ('report',
         'Write a report as a file: results, review, pay transparency or portfolio, in HTML or\n'
         'PDF (and the other formats of the report renderers).',
         None,
         False,
         False),
    'app':
        ('serve',
         'Start the web app on the database (SEAL_DATABASE_URL, by default seal.db in\n'
         'SEAL_DATA_DIR), creating its schema on first start; --demo to try it on the demo.',
         None,
         False,
         False),
    'standards':
        ('standards',
         'List the standards found on SEAL_STANDARDS_PATH and among the bundled ones, or show '
         'one.',
         None,
         False,
         False),
    'schema':
        ('standards',
         'Write the JSON Schemas of standards, assessments, score results and column mapping\n'
         'files, generated from the models.',
         None,
         False,
         False),
    'diff':
        ('standards',
         'List benchmarks added, removed and changed, and changed levels, parameters and '
         'scoring,\n'
         'between two standards.',
         None,
         False,
         False),
    'metrics':
        ('workforce',
         "Workforce metrics by sex: women's share and parity, recruitment, promotion, exits,\n"
         'training, leave, pay gaps, the leaky pipeline and a projection to the target; or, '
         'with\n'
         '--pay-report, the pay transparency indicators and the joint pay assessment.',
         None,
         False,
         False),
    'workforce-template':
        ('workforce',
         'Write a blank workforce data file: the header, one commented example row and a\n'
         'description of every column.',
         None,
         False,
         False),
    'certificates':
        ('certificates',
         'List the certificates (soonest expiry first, each with its id and signed token); write '
         "one's PDF, verify one, print the public keys, revoke one.",
         None,
         False,
         False),
    'keys':
        ('certificates',
         "The programme's signing key, which signs every certificate.",
         None,
         False,
         False),
    'db':
        ('db',
         'Create, migrate, fill and export the database (SQLite by default; PostgreSQL with '
         'SEAL_DATABASE_URL).',
         None,
         False,
         False),
    'audit':
        ('db',
         'Verify the hash-chained audit trail and the business rows it seals, write a checkpoint '
         "of its head (signed with the programme's key), or seal an older database's rows.",
         None,
         False,
         False),
    'users':
        ('db', 'Add users, list them, grant and revoke roles, set passwords.', None, False, False),
    'institutions':
        ('db', 'Add and list the institutions in the database.', None, False, False),
    'submissions':
        ('forms',
         'Answers collected in the field (a KoboToolbox or ODK Central export of the form seal '
         'xlsform wrote) or offline (the questionnaire workbook of seal template -f xlsx), '
         'imported into the database.',
         None,
         False,
         False),
    'i18n':
        ('i18n',
         "Translations: a standard's texts to and from PO files (a context per record and "
         'field), and the check of every shipped catalogue and translation.',
         None,
         False,
         False),
    'process':
        ('process',
         "The programme's stages before an application: status, commitment, plan approval.",
         None,
         False,
         False),
    'report-templates':
        ('report_templates',
         'List, upload, download and delete the DOCX templates reports are written with (one per '
         'report kind and language; the shipped ones otherwise).',
         None,
         False,
         False),
    'staff':
        ('staff',
         "Staff data in the HR system's own shape: the institution's column mapping (show, set, "
         'suggest) and uploading an export for an assessment. See docs/workforce.md.',
         None,
         False,
         False),
    'tokens':
        ('tokens',
         'API tokens for the JSON API (/api/v1/..., see docs/api.md): add, list, revoke.',
         None,
         False,
         False),
}
