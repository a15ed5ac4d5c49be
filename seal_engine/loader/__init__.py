"""Loading standards and assessments from files, folders, texts or mappings, with located errors.

A standard is one file, or a folder holding ``standard.yaml`` (the header, levels, parameters) and
further files each holding one ``type: dimension`` record or a ``type: action_library`` list of
actions or a ``type: translation`` of its texts into one language (in memory: a mapping of
those file names to their texts).  A standard may ``extend``
another by id and version: the parent is found among the standards given, beside the child or on
the standards search path, and the child's records are merged over the parent's by id.
"""

from .assessment import load_assessment, parse_assessment
from .discovery import StandardInfo, find_standard, list_standards
from .standard import load_standard, parse_standard, standard_for
from .translations import (
    level_title,
    search_path_translations,
    translated_standard,
    translation_languages,
)

__all__ = [
    "StandardInfo",
    "find_standard",
    "level_title",
    "list_standards",
    "load_assessment",
    "load_standard",
    "parse_assessment",
    "parse_standard",
    "search_path_translations",
    "standard_for",
    "translated_standard",
    "translation_languages",
]
