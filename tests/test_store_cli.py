"""The database commands, run as an administrator runs them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from seal_engine.cli import app

from .conftest import ROOT


@pytest.fixture
def seal(tmp_path, monkeypatch):
    monkeypatch.setenv("SEAL_DATA_DIR", str(tmp_path / "data"))

    def run(*args, input=None):
        return CliRunner().invoke(app, [str(a) for a in args], input=input)

    return run


def test_init_demo_status_and_sign_in_hint(seal, tmp_path):
    r = seal("db", "init", "--demo")
    assert r.exit_code == 0, r.output
    assert "focal@demo.seal / demo-focal-password" in r.output
    assert (tmp_path / "data" / "seal.db").is_file()
    r = seal("db", "status")
    assert "9 assessments" in r.output and "2 certificates" in r.output
    again = seal("db", "init", "--demo")
    assert again.exit_code == 1 and "already holds data" in again.output
    assert seal("db", "init").exit_code == 0


def test_import_reports_a_bad_file_located_and_imports_nothing(seal, tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (ROOT / "assessments/starter/riverton-water-agency-2025.yaml").read_text("utf-8")
    bad.write_text(text.replace("scope: national", "scope: planetary"), "utf-8")
    r = seal("db", "import", ROOT / "assessments/starter", bad)
    assert r.exit_code == 1
    assert "bad.yaml:" in r.output and "institution.scope" in r.output
    assert "nothing was imported" in r.output
    assert "0 assessments" in seal("db", "status").output


def test_import_export_and_certificates(seal, tmp_path):
    assert seal("db", "import", ROOT / "assessments").exit_code == 0
    r = seal("db", "export", "-o", tmp_path / "out")
    assert r.exit_code == 0 and "wrote 9 assessments" in r.output
    assert (tmp_path / "out" / "VAL-MLSP" / "valdoria-ministry-of-labour-2025.yaml").is_file()
    assert seal("db", "export", "-o", tmp_path / "out").exit_code == 1
    assert "no certificates" in seal("certificates", "--expiring", "90d").output
    assert seal("certificates", "--expiring", "soon").exit_code == 2


def test_audit_verify_checkpoint_and_tampering(seal, tmp_path):
    import sqlalchemy as sa

    seal("db", "import", ROOT / "assessments/starter")
    assert seal("audit", "checkpoint", "-o", tmp_path / "head.json").exit_code == 0
    head = json.loads((tmp_path / "head.json").read_text("utf-8"))
    r = seal("audit", "verify", "--checkpoint", tmp_path / "head.json")
    assert r.exit_code == 0 and f"head {head['seq']}" in r.output
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'data' / 'seal.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.exec_driver_sql("UPDATE audit_log SET actor = 'someone' WHERE seq = 2")
    engine.dispose()
    r = seal("audit", "verify")
    assert r.exit_code == 1 and "audit entry 2: edited" in r.output


def test_users_institutions_and_assignments(seal):
    seal("db", "import", ROOT / "assessments/starter")
    r = seal("users", "add", "ana@example.org", "--name", "Ana Pérez", "--password-stdin",
             input="a long enough password\n")
    assert r.exit_code == 0, r.output
    assert seal("users", "add", "x@example.org", "--name", "X", "--password-stdin",
                input="short\n").exit_code == 1
    assert seal("users", "grant", "ana@example.org", "assessor").exit_code == 0
    r = seal("users", "grant", "ana@example.org", "focal_point", "--institution", "RIV-NWA")
    assert r.exit_code in (0, 1)
    r = seal("institutions", "add", "VAL-MOH", "--name", "Ministry of Health", "--country",
             "Republic of Valdoria", "--scope", "national")
    assert r.exit_code == 0, r.output
    assert "VAL-MOH" in seal("institutions", "list").output
    r = seal("assign", "riverton-water-agency-2025", "ana@example.org")
    assert r.exit_code == 0 and "now assesses" in r.output, r.output
    assert "assessor" in seal("users", "list").output
    assert seal("users", "deactivate", "ana@example.org").exit_code == 0
    assert "no" in seal("users", "list").output


@pytest.mark.parametrize("group", ["db", "audit", "users", "institutions"])
def test_each_subcommand_has_help_and_an_example(group):
    from seal_engine._docs import command_help
    from seal_engine.cli._app import get_command

    command = get_command().commands[group]
    for name in command.commands:
        text = command_help(f"{group} {name}")
        assert f"Usage: seal {group} {name}" in text
        assert f"Example: seal {group} {name}" in text


def test_admin_slips_are_caught_or_undone(seal, tmp_path, monkeypatch):
    """A typo in an analyst's country is refused with a suggestion; a deactivated user can be
    reactivated; reading commands do not create a database where none is."""
    assert seal("db", "init").exit_code == 0
    assert seal("institutions", "add", "VAL-MOH", "--name", "Ministry of Health", "--country",
                "Republic of Valdoria", "--scope", "national").exit_code == 0
    r = seal("users", "add", "ana@example.org", "--name", "Ana", "--password-stdin",
             input="a long enough password\n")
    assert r.exit_code == 0, r.output
    r = seal("users", "grant", "ana@example.org", "analyst", "--country", "Republic of Valdria")
    assert r.exit_code == 1 and "did you mean 'Republic of Valdoria'?" in r.output
    assert seal("users", "deactivate", "ana@example.org").exit_code == 0
    r = seal("users", "activate", "ana@example.org")
    assert r.exit_code == 0 and "ana@example.org: active" in r.output
    monkeypatch.setenv("SEAL_DATABASE_URL", f"sqlite:///{tmp_path / 'typo.db'}")
    r = seal("users", "list")
    assert r.exit_code == 1 and "there is no database at" in r.output
    assert not (tmp_path / "typo.db").exists()
