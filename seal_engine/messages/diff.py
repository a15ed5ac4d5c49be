"""The differences between two standards in words (``seal diff``, the Standards page,
:func:`seal_engine.render.render_diff`): one line a change, its record named by kind.  Field
names (``title``, ``min_score``...) are the standard's own keys and stay as they are."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    "diff.same": "{new} has the same benchmarks, levels and parameters as {old}",
    "diff.head": "Differences from {old} to {new}:",
    "diff.added_benchmark": "+ added benchmark {id}",
    "diff.removed_benchmark": "- removed benchmark {id}",
    "diff.added_parameter": "+ added parameter {name} = {value}",
    "diff.removed_parameter": "- removed parameter {name} = {value}",
    "diff.added_action": "+ added action {name}",
    "diff.removed_action": "- removed action {name}",
    "diff.changed_action": "~ changed action {name}",
    "diff.translations_changed": ("~ translations {locale}: {n} record translated",
                                  "~ translations {locale}: {n} records translated"),
    "diff.translations_added": ("~ translations {locale}: added, {n} record",
                                "~ translations {locale}: added, {n} records"),
    "diff.changed": "~ {record}: {field} changed",
    "diff.changed_from_to": "~ {record}: {field} {old} -> {new}",
    "diff.record.level": "level {name}",
    "diff.record.parameter": "parameter {name}",
    "diff.record.dimension": "dimension {name}",
    "diff.record.scoring": "scoring",
    "diff.record.standard": "standard",
    "diff.none": "none",
}
