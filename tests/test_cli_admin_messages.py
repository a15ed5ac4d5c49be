"""The database and administration commands (seal db, users, institutions, assign,
certificates, keys, report-templates) print in the reader's language: SEAL_LANG=es|fr|pt
leaves no message of theirs in English."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from seal_engine.cli import app
from seal_engine.messages import has_translation, rendered_log

CASES = {  # language: what some lines say
    "es": ("base de datos:", "se creó", "se agregó admin@example.org", "no hay certificados",
           "Correo electrónico", "Activa"),
    "fr": ("base de données\u00a0:", "créée", "admin@example.org ajouté", "aucun certificat",
           "Adresse électronique", "Actif"),
    "pt": ("base de dados:", "criada", "adicionado admin@example.org", "não há certificados",
           "Correio eletrónico", "Ativo"),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_the_admin_commands_in_each_language(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("SEAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SEAL_LANG", lang)
    out = []
    with rendered_log() as log:
        for args, stdin in ((["db", "init"], None), (["db", "status"], None),
                            (["users", "add", "admin@example.org", "--name", "Ada",
                              "--password-stdin"], "a long enough password\n"),
                            (["users", "grant", "admin@example.org", "admin"], None),
                            (["users", "list"], None), (["certificates"], None),
                            (["institutions", "list"], None),
                            (["report-templates", "list"], None)):
            r = CliRunner().invoke(app, args, input=stdin)
            assert r.exit_code == 0, (args, r.output)
            out.append(r.stdout)
    text = "\n".join(out)
    for words in CASES[lang]:
        assert words in text, words
    for english in ("database:", "created ", "added ", "no certificates", "E-mail",
                    "no template uploaded"):
        assert english not in text, english
    shown = [code for code, shown_lang, _t, _e in log
             if shown_lang == lang and code.startswith(("cli.", "state.", "store."))]
    assert shown and [c for c in shown if not has_translation(c, lang)] == []
