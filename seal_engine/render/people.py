"""A rule's explanation as the people of an institution read it: the engine's clause texts
(``“How many…” (LC-04.reviews) is 1; needs at least 2``) name questions and evidence by their
ids so that a command line user can type them back; a page shows the standard's own words
instead: the question's text without its id, evidence by its title, every choice by its label
(``'all_staff_meeting'`` becomes “All-staff meeting”), a parameter by its title."""

from __future__ import annotations

import re
from typing import Any

from ..naming import benchmark_heading

__all__ = ["PlainWords"]


class PlainWords:
    """The words of one standard, to turn its clause texts into plain words."""

    def __init__(self, standard: Any, source: Any = None):
        """``source``: the same standard in the language a result was scored in, when
        ``standard`` is a translation of it (its parameters' titles are then put in the
        translation's words)."""
        questions = standard.questions()
        self._questions = {qid: " ".join(q.text.split()) for qid, q in questions.items()}
        self._evidence = {e.id: e.title for b in standard.benchmarks() for e in b.evidence}
        self._benchmarks = {b.id: (b.title, benchmark_heading(b)) for b in standard.benchmarks()}
        labels: dict[str, str] = {}
        for q in questions.values():
            for owner in [q, *(q.columns or [])]:
                for c in standard.question_choices(owner) or []:
                    if c.label:
                        labels.setdefault(c.value, c.label)
        self._labels = labels
        self._parameters = {name: p.title for name, p in standard.parameters.items()
                            if getattr(p, "title", None)}
        ids = sorted(self._questions, key=len, reverse=True)
        self._id_after = re.compile(
            r"\s\((" + "|".join(map(re.escape, ids)) + r")\)") if ids else None
        # a question quoted with its id: its text in this standard's words (a result scored on
        # the standard's own language, read in a translation's)
        self._quoted = re.compile(
            r"“[^“”]*” \((" + "|".join(map(re.escape, ids)) + r")\)") if ids else None
        self._bare = re.compile(
            r"(?<![\w.-])(" + "|".join(map(re.escape, ids)) + r")(?![\w.-])") if ids else None
        self._choice = re.compile(r"'([a-z0-9]+(?:_[a-z0-9]+)*)'")
        self._param = re.compile(r"\(as ([a-z0-9]+(?:_[a-z0-9]+)+)\)")
        names = sorted(self._parameters, key=len, reverse=True)
        theirs = {} if source is None else {
            name: p.title for name, p in source.parameters.items() if getattr(p, "title", None)}
        self._retitle = {f"({theirs[n]})": f"({t})" for n, t in self._parameters.items()
                         if theirs.get(n) and theirs[n] != t}
        self._param_name = re.compile(
            r"(?<![\w'])(" + "|".join(map(re.escape, names)) + r")(?![\w'])") if names else None

    def text(self, text: str) -> str:
        """``text`` (a clause's, a gap's failing condition) in the standard's words."""
        for bid, (title, heading) in self._benchmarks.items():
            if bid in text:
                text = text.replace(f"{bid} ({title})", heading)
        for eid, title in self._evidence.items():
            if eid not in text:
                continue
            text = text.replace(f"evidence {eid} ({title})", f"evidence “{title}”")
            text = text.replace(f"evidence {eid}", f"evidence “{title}”")
            # another language's words around it ("a evidência PC-07.reports (…) foi fornecida")
            # its title in parentheses may hold parentheses of its own ("The strategic plan
            # (relevant pages)")
            text = re.sub(rf"(?<![\w.-]){re.escape(eid)}(?: \((?:[^()]|\([^()]*\))*\))?"
                          r"(?![\w.-])",
                          f"“{title}”", text)
        if self._id_after is not None:
            text = self._quoted.sub(self._requote, text)
            text = self._id_after.sub("", text)
            text = self._bare.sub(lambda m: f"“{self._short(m.group(1))}”", text)
        text = self._choice.sub(lambda m: f"“{self._labels[m.group(1)]}”"
                                if m.group(1) in self._labels else m.group(0), text)
        for theirs, ours in self._retitle.items():
            text = text.replace(theirs, ours)
        text = self._param.sub(lambda m: f"({self._parameters.get(m.group(1), '')})"
                               if m.group(1) in self._parameters else "", text)
        if self._param_name is not None:  # a parameter named inside arithmetic or a source
            text = self._param_name.sub(lambda m: f"“{self._parameters[m.group(1)]}”", text)
        return text

    def _requote(self, m: re.Match) -> str:
        """A quoted question kept as quoted when in this standard's words, else in them."""
        quoted, qid = m.group(0)[1:m.group(0).index("”")], m.group(1)
        if quoted in (self._questions.get(qid), self._short(qid)):
            return m.group(0)
        return f"“{self._short(qid)}” ({qid})"

    def question(self, question_id: str) -> str:
        """A question named by its text, shortened: “How many times…”."""
        return f"“{self._short(question_id)}”"

    def _short(self, question_id: str, limit: int = 70) -> str:
        text = self._questions.get(question_id, question_id)
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
