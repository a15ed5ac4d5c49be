"""Every string the app shows goes through the one translation function, the catalogue
template lists them all, a language is added by a catalogue alone (no page changes), and numbers
and dates are formatted as people read them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from seal_engine.app import _pot, i18n

from .appkit import no_failure, open_app, texts
from .conftest import ROOT

APP = ROOT / "seal_engine" / "app"
# Calls whose text argument a user reads.
TEXT_CALLS = {"title", "header", "subheader", "markdown", "caption", "write", "text", "info",
              "warning", "error", "success", "toast", "button", "form_submit_button",
              "download_button", "link_button", "page_link", "popover", "expander", "tabs",
              "metric", "text_input", "text_area", "number_input", "selectbox", "multiselect",
              "radio", "pills", "segmented_control", "toggle", "checkbox", "date_input",
              "file_uploader", "progress", "dialog", "Page", "set_page_config", "badge",
              "TextColumn", "NumberColumn", "SelectboxColumn", "MultiselectColumn",
              "CheckboxColumn", "DateColumn"}
TEXT_KEYWORDS = {"label", "help", "placeholder", "title", "text", "page_title", "caption"}
WORDS = re.compile(r"[A-Za-z]{2,}")


def _literal_words(node: ast.AST) -> str | None:
    """The words a literal argument shows, if it is one (icons and markup aside)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    else:
        return None
    text = re.sub(r":material/[a-z_]+:|:[a-z]+\[|https?://|%[a-z]|\.py\b", "", text)
    return text if WORDS.search(text) else None


def _offences() -> list[str]:
    out = []
    for path in sorted(APP.rglob("*.py")):
        if path.name == "_pot.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else (
                node.func.id if isinstance(node.func, ast.Name) else "")
            if name not in TEXT_CALLS:
                continue
            target = node.func.value if isinstance(node.func, ast.Attribute) else None
            if isinstance(target, ast.Name) and target.id in ("_LOG", "logging", "log"):
                continue  # a log line, for the operator
            if isinstance(target, ast.Call) and getattr(target.func, "attr", "") == "getLogger":
                continue
            args = [] if name in ("page_link", "Page") else list(node.args[:1])
            if name in ("tabs",) and node.args and isinstance(node.args[0], ast.List):
                args = list(node.args[0].elts)
            args += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
            for a in args:
                words = _literal_words(a)
                if words:
                    out.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}({words!r})")
    return out


def test_every_text_a_user_reads_goes_through_the_translation_function():
    assert _offences() == []


def test_the_translation_function_is_called_with_literals_only():
    bad = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "ngettext")):
                n = 1 if node.func.id == "_" else 2
                if not all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                           for a in node.args[:n]):
                    bad.append(f"{path.name}:{node.lineno}")
    assert bad == []


def test_the_catalogue_template_is_current():
    assert _pot.POT.read_text(encoding="utf-8") == _pot.pot_text(), \
        "run: python -m seal_engine.app._pot"


def test_gettext_is_never_installed_process_wide():
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            assert not (isinstance(node, ast.Attribute) and node.attr == "install"), path


def _po(path: Path, messages: dict[str, str], fuzzy: dict[str, str]) -> None:
    """A PO catalogue, as a translator writes it (read at run time, never compiled)."""
    lines = ['msgid ""', 'msgstr ""', r'"Content-Type: text/plain; charset=UTF-8\n"',
             r'"Language: fr\n"', ""]
    for k, v in messages.items():
        lines += [f'msgid "{k}"', f'msgstr "{v}"', ""]
    for k, v in fuzzy.items():
        lines += ["#, fuzzy", f'msgid "{k}"', f'msgstr "{v}"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_language_is_added_by_its_catalogue_alone(app_db, tmp_path, monkeypatch):
    _po(tmp_path / "fr" / "LC_MESSAGES" / "seal-app.po",
        {"Welcome, {name}": "Bienvenue, {name}", "Home": "Accueil",
         "Your institution": "Votre institution"}, {"Sign out": "Se déconnecter"})
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.languages() == {"en": "English", "fr": "Français"}
    at = open_app("focal_point")
    assert at.selectbox(key="_lang_picker").options == ["English", "Français"]
    at.selectbox(key="_lang_picker").set_value("fr").run()
    no_failure(at)
    shown = texts(at)
    assert "Bienvenue, Farah Focal (demo)" in shown and "Votre institution" in shown
    assert "Every required question is answered" in shown  # not translated yet: English
    assert at.button(key="_sign_out").label == "Sign out"  # a fuzzy entry is not used
    other = open_app("analyst")  # another session keeps its own language
    assert "Welcome, Anil Analyst" in texts(other)


@pytest.mark.parametrize("value, decimals, expected", [
    (1524, 0, "1,524"), (4.25, 1, "4.2"), (1234567.891, 2, "1,234,567.89"), (None, 0, "")])
def test_numbers(value, decimals, expected):
    assert i18n.fmt_number(value, decimals) == expected


def test_percentages_shares_and_dates():
    import datetime as dt

    assert i18n.fmt_percent(62.94) == "62.9 %"
    assert i18n.fmt_percent(60.0) == "60 %"
    assert i18n.fmt_share(0.5253) == "52.5 %"
    assert i18n.fmt_date(dt.date(2026, 3, 8)) == "8 March 2026"
    assert i18n.fmt_datetime(dt.datetime(2026, 3, 8, 10, 2, tzinfo=dt.UTC)) == \
        "8 March 2026, 10:02 UTC"


@pytest.mark.parametrize("value, expected", [(3, "3"), (3.0, "3"), (1.5, "1.5"), (0.25, "0.25"),
                                             (1234.0, "1,234"), (None, "")])
def test_points(value, expected):
    assert i18n.fmt_points(value) == expected
