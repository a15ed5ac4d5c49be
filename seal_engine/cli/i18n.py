"""Translators' commands: ``seal i18n export`` (a standard's texts as a PO catalogue for Poedit
or Weblate), ``seal i18n import`` (a translated catalogue back into the standard's translation
file) and ``seal i18n check`` (every shipped language complete and current)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import ForceOpt, app, output_ok, problem, standard_arg, t

i18n_app = typer.Typer(name="i18n", no_args_is_help=True, help=(
    "Translations: a standard's texts to and from PO files (a context per record and field), "
    "and the check of every shipped catalogue and translation.\n\nExample: seal i18n export "
    "undp-seal-public-institutions --lang es -o es.po"))
app.add_typer(i18n_app)


@i18n_app.command("export")
def export(
    standard: Annotated[str, typer.Argument(
        metavar="STANDARD", help="Standard file or folder, or ID[@VERSION].")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="The language to translate into, "
                                      "e.g. es, fr or pt.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The .po file to write.")],
    force: ForceOpt = False,
) -> None:
    """Write a standard's texts as a PO catalogue to translate into a language.

    One entry per text (its context the record id and field, e.g. WE-05.title or
    PC-06.criteria/choice/gender_policy), with the translations the standard has so far.

    Example: seal i18n export undp-seal-public-institutions --lang es -o es.po
    """
    from seal_engine import say
    from seal_engine.i18n import export_po, standard_texts

    output_ok(output, force=force)
    s = standard_arg(standard)
    data = export_po(s, lang)
    output.write_bytes(data)
    have = s.translations.get(lang, {})
    typer.echo(t("cli.i18n.exported", path=str(output),
                 texts=say("cli.n.text", n=len(standard_texts(s))), id=s.id,
                 version=str(s.version), records=say("cli.n.record", n=len(have)), lang=lang))


@i18n_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(
        metavar="FILE.po", help="A catalogue written by seal i18n export, translated.",
        exists=True, dir_okay=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="The translation file to write, e.g. "
        "standards/<standard>/translations/es.yaml (default: print it).")] = None,
    standard: Annotated[str | None, typer.Option(
        "--standard", "-s", help="Standard file or folder, or ID[@VERSION] (default: the "
        "one the catalogue names).")] = None,
    force: ForceOpt = False,
) -> None:
    """Turn a translated PO catalogue into the standard's translation file.

    Untranslated and fuzzy entries are left out; an entry whose text changed in the standard
    since the export, or whose context names no text of it, is refused with its line.

    Example: seal i18n import es.po -o standards/undp-seal-public-institutions/translations/es.yaml
    """
    from seal_engine import say
    from seal_engine.i18n import (
        import_po,
        po_language,
        po_standard,
        translation_yaml,
    )

    data = file.read_bytes()
    if standard is None:
        sid, version = po_standard(data)
        if not sid:
            raise typer.BadParameter(t("cli.i18n.no_standard", path=str(file)),
                                     param_hint="--standard")
        standard = f"{sid}@{version}" if version else sid
    s = standard_arg(standard, "--standard")
    lang = po_language(data)
    if not lang:
        raise typer.BadParameter(t("cli.i18n.no_language", path=str(file)),
                                 param_hint="FILE.po")
    texts = import_po(data, s, str(file))
    text = translation_yaml(s, lang, texts)
    if output is None:
        typer.echo(text, nl=False)
        return
    output_ok(output, force=force, inputs=(file,))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    typer.echo(t("cli.i18n.imported", path=str(output), records=say("cli.n.record", n=len(texts)),
                 id=s.id, version=str(s.version), lang=lang))


@i18n_app.command("check")
def check(
    standards: Annotated[list[Path] | None, typer.Option(
        "--standards", help="Folders of standards to check (default: the standards path and "
        "the bundled ones).")] = None,
) -> None:
    """Check every shipped language: catalogues complete, current and with their placeholders;
    standards' translation files complete.

    A language ships when its .po is present (app, reports, engine).  Exit 1 on an entry
    untranslated, fuzzy, with other placeholders than its message, or no longer in the .pot,
    and on a standard's text a translation file leaves untranslated.

    Example: seal i18n check
    """
    from seal_engine import say
    from seal_engine.i18n import CATALOGUES, check_languages

    problems = check_languages(standards=standards or None)
    for p in problems:
        typer.echo(t("cli.error", problem=problem(p)), err=True)
    langs = sorted({lang for c in CATALOGUES for lang in c.languages()})
    shown = ", ".join(langs) or t("cli.db.none")
    if problems:
        typer.echo(t("cli.i18n.problems", problems=say("cli.n.problem", n=len(problems)),
                     langs=shown), err=True)
        raise typer.Exit(1)
    typer.echo(t("cli.i18n.complete", langs=shown))
