"""The command line in the reader's language: --lang, SEAL_LANG, the locale, English
otherwise; results, tables, problems and messages translated through the engine's catalogue.

``test_a_score_prints_no_english_line`` runs ``seal score`` in each shipped language (es, fr,
pt) and fails while any message it prints, or any line, is still the English one: it goes green
when the catalogues (seal_engine/locale/<lang>/LC_MESSAGES/seal-engine.po) and the standard's
translations are complete."""

from __future__ import annotations

import re
import string
import textwrap

import pytest
from typer.testing import CliRunner

from seal_engine import messages
from seal_engine.cli import app
from seal_engine.messages import MESSAGES, rendered_log

from .conftest import ROOT

LABOUR = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"
SHIPPED = ("es", "fr", "pt")
# a terminal wide enough that no table cell wraps (a line is then a whole row)
WIDE = {"COLUMNS": "250", "SEAL_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


def run(*args: str, **env: str):
    return CliRunner().invoke(app, list(args), env={**WIDE, **env})


@pytest.fixture()
def pirate(tmp_path, monkeypatch):
    """A made-up language 'ga' (Irish, so that Babel knows it) with a few messages
    translated, in a locale folder of our own."""
    folder = tmp_path / "ga" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "seal-engine.po").write_text(textwrap.dedent('''\
        msgid ""
        msgstr ""
        "Language: ga\\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"

        msgctxt "cli.scored"
        msgid "scored {n} assessment"
        msgid_plural "scored {n} assessments"
        msgstr[0] "SCORED {n} ASSESSMENT"
        msgstr[1] "SCORED {n} ASSESSMENTS"

        msgctxt "score.level_line"
        msgid "Level reached: {level}   Overall score: {score}"
        msgstr "LEVEL: {level} / {score}"

        msgctxt "cli.error"
        msgid "error: {problem}"
        msgstr "ERROR! {problem}"
        '''), encoding="utf-8")
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    messages._available.cache_clear()
    messages.translations.cache_clear()
    yield "ga"
    messages._available.cache_clear()
    messages.translations.cache_clear()


def test_the_language_from_lang_seal_lang_and_the_locale(pirate):
    folder = str(LABOUR.parent)
    assert "SCORED 2 ASSESSMENTS" in run("--lang", "ga", "score", folder).stderr
    assert "SCORED 2 ASSESSMENTS" in run("score", folder, SEAL_LANG="ga").stderr
    assert "SCORED 2 ASSESSMENTS" in run("score", folder, LANG="ga_IE.UTF-8").stderr
    assert "SCORED 2 ASSESSMENTS" in run("score", folder, LC_ALL="ga_IE.UTF-8",
                                         LANG="en_GB.UTF-8").stderr
    # --lang before SEAL_LANG, SEAL_LANG before the locale
    assert "scored 2 assessments" in run("--lang", "en", "score", folder, SEAL_LANG="ga").stderr
    assert "scored 2 assessments" in run("score", folder, SEAL_LANG="en", LANG="ga").stderr
    # a locale the engine has no catalogue for: English
    assert "scored 2 assessments" in run("score", folder, LANG="de_DE.UTF-8").stderr


def test_results_and_problems_in_the_language(pirate):
    out = run("--lang", "ga", "score", str(LABOUR))
    assert out.exit_code == 0
    lines = out.stdout.splitlines()
    # the translated template, numbers as Irish writes them, the untranslated rest English
    assert lines[1] == "LEVEL: Silver / 78.9% of applicable benchmarks met (45 of 57)"
    bad = run("--lang", "ga", "score", str(LABOUR), "--standard", "nope")
    assert bad.exit_code == 2
    missing = run("--lang", "ga", "score", str(LABOUR.parent / "nope.yaml"))
    assert missing.exit_code in (1, 2)
    broken = LABOUR.parent.parent.parent / "pyproject.toml"
    failed = run("--lang", "ga", "score", str(broken))
    assert failed.exit_code == 1
    assert failed.stderr.startswith("ERROR! ")


def test_an_unknown_language_is_a_bad_parameter():
    out = run("--lang", "tlh", "score", str(LABOUR))
    assert out.exit_code == 2
    assert "no language 'tlh'; choose one of en" in out.stderr


def _wordless(template: str | tuple) -> bool:
    """A template with no words of its own ('{score}.', '{points}/{max_points}'), the same in
    every language."""
    forms = template if isinstance(template, tuple) else (template,)
    for form in forms:
        literal = "".join(lit for lit, *_ in string.Formatter().parse(form))
        if re.search(r"[^\W\d_]{2,}", literal):
            return False
    return True


_DATA = re.compile(r"\b[A-Z]{2,3}-\d+\b|\bv\d+\b|[\d.,]+|[%/()—–:;,.+-]")


def english_left(lang: str) -> tuple[list[str], list[str]]:
    """``seal score`` of an example with SEAL_LANG=``lang``: the codes of the messages it
    printed still in English (their words the English ones), and the lines of its output the
    same as in the English output once data (the institution's name, ids, numbers) is left
    aside."""
    english = run("score", str(LABOUR))
    assert english.exit_code == 0, english.output
    with rendered_log() as log:
        out = run("score", str(LABOUR), SEAL_LANG=lang)
    assert out.exit_code == 0, out.output
    said = [(code, text, en) for code, lg, text, en in log if lg == lang]
    assert said, "no message was rendered in the language"
    # a message with words is untranslated when the language's catalogue lacks it, or when it
    # reads exactly as the English sentence (a word or two may be the same: 'Dimensions' is
    # French too)
    untranslated = sorted({code for code, text, en in said if not _wordless(MESSAGES[code])
                           and (not messages.has_translation(code, lang)
                                or (text == en and len(re.findall(r"[^\W\d_]{2,}", en)) > 3))})
    name = "Ministry of Labour and Social Protection"
    same = set(english.stdout.splitlines())
    left = [ln for ln in out.stdout.splitlines() if ln in same
            and re.search(r"[^\W\d_]{2,}", _DATA.sub(" ", ln.replace(name, " ").replace(
                "undp-seal-public-institutions", " ")))]
    # the standard's texts the output shows (titles of benchmarks, dimensions, results levels
    # and levels): each must come from the language's translation of the standard
    import seal_engine as se

    standard = se.standard_for(se.load_assessment(LABOUR))
    given = standard.translations.get(lang, {})
    records = [*standard.benchmarks(), *standard.dimensions, *standard.results_levels,
               *standard.levels]
    for record in records:
        title = record.title
        if getattr(given.get(record.id), "title", None) is None and re.search(
                rf"(?<![\w-]){re.escape(title)}(?![\w-])", out.stdout):
            left.append(f"{record.id}: {title} (the standard's text, not translated)")
    return untranslated, left


def test_the_english_left_is_found(tmp_path, monkeypatch):
    """The check below on a made-up language whose catalogue translates every message: no
    message is left in English, and the lines left are the standard's own texts (benchmark and
    dimension titles), which it has no translation for."""
    from seal_engine._pot import pot_text

    folder = tmp_path / "ga" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    pot = pot_text().replace('"Language: en\\n"', '"Language: ga\\n"')
    pot = re.sub(r'msgid "(.*)"\nmsgstr ""', r'msgid "\1"\nmsgstr "« \1 »"', pot)
    pot = re.sub(r'msgid "(.*)"\nmsgid_plural "(.*)"\nmsgstr\[0\] ""\nmsgstr\[1\] ""',
                 r'msgid "\1"\nmsgid_plural "\2"\nmsgstr[0] "« \1 »"\nmsgstr[1] "« \2 »"',
                 pot)
    pot = pot.replace('msgid ""\nmsgstr "«  »"', 'msgid ""\nmsgstr ""', 1)
    (folder / "seal-engine.po").write_text(pot, encoding="utf-8")
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    messages._available.cache_clear()
    messages.translations.cache_clear()
    try:
        untranslated, left = english_left("ga")
        assert untranslated == []
        assert left, "the standard's English titles are English lines"
        assert all(ln.endswith("(the standard's text, not translated)") for ln in left), left
        assert any(ln.startswith("WE-05: ") for ln in left)
        # and with a catalogue that translates nothing, every message is found English
        (folder / "seal-engine.po").write_text(pot.split("\n\n")[0] + "\n", encoding="utf-8")
        messages.translations.cache_clear()
        untranslated, left = english_left("ga")
        assert {"score.level_line", "status.met", "head.benchmark"} <= set(untranslated)
        assert any(ln.startswith("Benchmark  Title") for ln in left), left
    finally:
        messages._available.cache_clear()
        messages.translations.cache_clear()


@pytest.mark.parametrize("lang", SHIPPED)
def test_a_score_prints_no_english_line(lang):
    """SEAL_LANG=<lang> seal score: every message translated (its words differ from the
    English) and no line of the output the same as the English output's, data aside."""
    po = messages.LOCALE_DIR / lang / "LC_MESSAGES" / "seal-engine.po"
    assert po.is_file(), f"no {lang} catalogue yet: {po} (translate seal-engine.pot)"
    messages._available.cache_clear()
    messages.translations.cache_clear()
    untranslated, left = english_left(lang)
    assert not untranslated, f"{lang}: messages still in English: {untranslated}"
    assert not left, f"{lang}: lines still in English:\n" + "\n".join(left[:20])


@pytest.fixture()
def everything_translated(tmp_path, monkeypatch):
    """A made-up language 'ga' whose catalogue translates every message of the template
    (each as « English »), in a locale folder of our own."""
    from seal_engine._pot import pot_text

    folder = tmp_path / "ga" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    pot = pot_text().replace('"Language: en\\n"', '"Language: ga\\n"')
    pot = re.sub(r'msgid "(.*)"\nmsgstr ""', r'msgid "\1"\nmsgstr "« \1 »"', pot)
    pot = re.sub(r'msgid "(.*)"\nmsgid_plural "(.*)"\nmsgstr\[0\] ""\nmsgstr\[1\] ""',
                 r'msgid "\1"\nmsgid_plural "\2"\nmsgstr[0] "« \1 »"\nmsgstr[1] "« \2 »"', pot)
    pot = pot.replace('msgid ""\nmsgstr "«  »"', 'msgid ""\nmsgstr ""', 1)
    (folder / "seal-engine.po").write_text(pot, encoding="utf-8")
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    messages._available.cache_clear()
    messages.translations.cache_clear()
    yield "ga"
    messages._available.cache_clear()
    messages.translations.cache_clear()


def _standard_words(standard) -> str:
    """Every text of a standard (and the example institution's name), whitespace made single:
    what an output may show as it is."""
    texts = [standard.title, "Ministry of Labour and Social Protection"]
    for d in standard.dimensions:
        texts += [d.title, d.description or ""]
    for b in standard.benchmarks():
        texts += [b.title, b.description or ""]
        texts += [q.text for q in b.questions]
        texts += [e.title for e in b.evidence]
    texts += [a.title for a in standard.actions]
    texts += [lv.title for lv in standard.levels] + [rl.title for rl in standard.results_levels]
    return " ".join(" ".join(str(t).split()) for t in texts)


@pytest.mark.parametrize("args", [("explain", "WE-05"), ("explain", "PC-05"), ("explain", "RI-02"),
                                  ("gaps",)], ids=lambda a: "-".join(a))
def test_explain_and_gaps_say_every_word_through_the_catalogue(everything_translated, args):
    """With every message translated, no line of seal explain or seal gaps is left as the
    English output has it, but for the standard's own texts (questions, descriptions, titles)
    and data."""
    import seal_engine as se

    command, *rest = args
    english = run(command, str(LABOUR), *rest)
    other = run(command, str(LABOUR), *rest, SEAL_LANG=everything_translated)
    assert english.exit_code == other.exit_code == 0, other.output
    assert "«" in other.stdout
    words = _standard_words(se.standard_for(se.load_assessment(LABOUR)))
    same = set(english.stdout.splitlines())
    left = []
    for line in other.stdout.splitlines():
        if line not in same:
            continue
        rest_ = _DATA.sub(" ", line.replace("undp-seal-public-institutions", " "))
        if not re.search(r"[^\W\d_]{2,}", rest_):
            continue
        body = " ".join(line.split())
        body = re.sub(r"^[-✓✗?]\s*", "", body)
        body = re.sub(r"^[A-Z]{1,3}(-[A-Za-z0-9.]+)+\s+", "", body)  # a record's id first
        if body and body not in words and not all(
                w in words for w in re.split(r"\s{2,}", line.strip())):
            left.append(line)
    assert not left, "English left:\n" + "\n".join(left[:20])
