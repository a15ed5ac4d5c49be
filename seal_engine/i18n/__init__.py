"""Languages: the message catalogues read from their ``.po`` files with Babel, numbers and
dates as each language writes them, and the translators' workflow for a standard's texts
(export to a PO file and import back into ``translations/<lang>.yaml``) and the check of every
shipped catalogue and translation (``seal i18n``)."""

from .catalogues import catalogue, catalogue_languages, language_name, po_path, require_babel
from .formats import format_date, format_number, format_percent, format_time

__all__ = [
    "catalogue",
    "catalogue_languages",
    "format_date",
    "format_number",
    "format_percent",
    "format_time",
    "language_name",
    "po_path",
    "require_babel",
]
