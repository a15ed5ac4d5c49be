"""Rule expressions: parsed once into an allow-listed tree, type-checked, compiled.

A rule is a small expression over answers, evidence, workforce metrics and the standard's named
parameters, for example::

    answer('LC-01.policy') and evidence('LC-01.policy_doc')
    metric('women_share', grade='senior') >= leadership_target

Only comparisons, ``and``/``or``/``not``, ``+ - * /``, literals, tuples of literals, parameter names
and the functions in :data:`FUNCTIONS` are allowed: no attribute access, subscripts, lambdas,
comprehensions or imports.  Logic is three-valued: a missing answer or missing data makes a value
*missing*, which propagates (``False and missing`` is ``False``; ``True and missing`` is missing)
so that an unanswered question never crashes a rule.  See ``docs/rules.md``.

``values`` holds what rules see (missing values, the context) and how values read in words;
``compiler`` parses and checks a rule; ``functions`` compiles each rule function; ``nodes`` holds
the compiled nodes, their three-valued evaluation and the clause tree they explain themselves
with; ``codegen`` turns a checked rule into one generated Python function for speed.
"""

from .compiler import FUNCTIONS, MAX_RULE_CHARS, MAX_RULE_DEPTH, MAX_RULE_NODES, compile_rule
from .nodes import CompiledRule
from .values import NOT_ANSWERED, NOT_GIVEN, EvalContext, Missing, RuleEnv, format_value

__all__ = [
    "FUNCTIONS",
    "MAX_RULE_CHARS",
    "MAX_RULE_DEPTH",
    "MAX_RULE_NODES",
    "NOT_ANSWERED",
    "NOT_GIVEN",
    "CompiledRule",
    "EvalContext",
    "Missing",
    "RuleEnv",
    "compile_rule",
    "format_value",
]
