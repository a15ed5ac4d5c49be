"""French typography in rendered messages: a list of messages (the failing conditions of a gap,
the parts of an outcome line) is joined with a no-break space before the semicolon, as French
writes it; other languages keep '; '."""

from __future__ import annotations

import pytest

from seal_engine.messages import render_message, say


def test_a_list_of_messages_in_french_has_a_no_break_space_before_the_semicolon():
    parts = [say("value.nothing"), say("value.not_answered")]
    assert render_message(parts, lang="fr") == "rien\u00a0; sans réponse"
    # a list given as a parameter is joined the same way
    assert render_message(say("clause.yes_no", question="Q", answer=parts),
                          lang="fr") == "Q\u00a0: rien\u00a0; sans réponse"


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_other_languages_join_a_list_with_a_semicolon_and_a_space(lang):
    joined = render_message([say("value.nothing"), say("value.nothing")], lang=lang)
    one = render_message(say("value.nothing"), lang=lang)
    assert joined == f"{one}; {one}"


def test_the_next_level_sentence_lists_benchmarks_with_french_semicolons():
    from types import SimpleNamespace

    from seal_engine.reports.words import words

    summary = SimpleNamespace(
        next_level="gold", next_level_title="Or", level="silver", points_needed=0,
        next_level_min_score=80, basis=SimpleNamespace(kind="benchmarks_met"),
        blocking=["WE-05", "RI-01"], pending_claims=[])
    said = words("fr").next_level(summary, {"WE-05": "Un écart faible", "RI-01": "Des progrès"})
    assert "WE-05 Un écart faible\u00a0; RI-01 Des progrès" in said, said
    said = words("en").next_level(summary, {"WE-05": "A small gap", "RI-01": "Progress"})
    assert "WE-05 A small gap; RI-01 Progress" in said, said


def test_the_audit_trail_details_read_in_french(monkeypatch):
    """An entry's details: the keys in the page's language, ' : ' before each value, a verdict
    in words ('langue : fr', not 'language: fr')."""
    from seal_engine.app import audit_words, i18n

    monkeypatch.setattr(audit_words, "_", lambda m: i18n._translations("fr").gettext(m))
    said = audit_words.AuditWords().details({"language": "fr", "decision": "accepted",
                                             "time_zone": "Africa/Dakar"})
    assert said == ("décision\u00a0: accepté · langue\u00a0: fr · "
                    "fuseau horaire\u00a0: Africa/Dakar"), said
