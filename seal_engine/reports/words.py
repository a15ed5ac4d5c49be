"""The reports' words (:mod:`seal_engine.i18n.words`: kept there so that the certificate, which
the store renders, reads them without importing the reports)."""

from ..i18n.words import DOMAIN, LOCALE_DIR, Words, languages, words

__all__ = ["DOMAIN", "LOCALE_DIR", "Words", "languages", "words"]
