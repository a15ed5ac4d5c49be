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
