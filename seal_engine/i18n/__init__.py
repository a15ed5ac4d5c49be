"""Languages: the message catalogues read from their ``.po`` files with Babel, numbers and
dates as each language writes them, and the translators' workflow for a standard's texts
(export to a PO file and import back into ``translations/<lang>.yaml``) and the check of every
shipped catalogue and translation (``seal i18n``)."""

from .catalogues import catalogue, catalogue_languages, language_name, po_path, require_babel
from .formats import format_date, format_number, format_percent, format_time
from .pot import TemplateEntry, template_catalogue
from .standard_po import (
    export_po,
    import_po,
    po_language,
    po_standard,
    standard_texts,
    translation_yaml,
)

__all__ = [
    "CATALOGUES",
    "TemplateEntry",
    "catalogue",
    "catalogue_languages",
    "check_languages",
    "export_po",
    "format_date",
    "format_number",
    "format_percent",
    "format_time",
    "import_po",
    "language_name",
    "po_language",
    "po_path",
    "po_standard",
    "require_babel",
    "standard_texts",
    "template_catalogue",
    "translation_yaml",
    "words_of",
]


def __getattr__(name: str):
    # the catalogue check reads every catalogue and standard: imported when asked for
    if name in ("CATALOGUES", "check_languages"):
        from . import check

        return getattr(check, name)
    if name == "words_of":  # the reports' words in a language (how a score is counted, shares,
        from .words import words  # dates...); not "words": that is the module's own name

        return words
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
