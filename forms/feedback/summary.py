"""What many feedback answers say together: respondents per role, each statement's
distribution, mean, median and n, the free-text answers by question, and the same by period
(month or quarter). Pure Python; the page shows it and ``report.py`` writes it as files.

Small numbers protect people: see :func:`summarise` (a role or period with fewer than
:data:`SMALL` respondents is never shown on its own, not even by subtraction from the total). "En osaa sanoa" is counted apart and is not in
the mean, the median or n.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from forms.feedback import Answer
from forms.model import DONT_KNOW, SCALE_VALUES, FormDef

#: Fewer respondents than this in a role: the role is not broken out.
SMALL = 3
PERIODS = ("month", "quarter")


@dataclass(frozen=True)
class Statement:
    name: str
    label: str
    #: answers per scale value "1".."5"
    counts: dict
    dont_know: int
    n: int
    mean: float | None
    median: float | None


@dataclass(frozen=True)
class Group:
    """The figures of one set of answers (all, one role, one period)."""
    key: str
    label: str
    respondents: int
    statements: tuple[Statement, ...]


@dataclass
class Summary:
    respondents: int
    roles: dict                      # role value -> respondents (every role, also small ones)
    overall: Group
    by_role: list[Group]             # roles with at least SMALL respondents
    small_roles: list[str]           # the labels of the roles not broken out
    by_period: list[Group]
    period: str
    free_text: list[tuple[str, list[str]]] = field(default_factory=list)  # (question, answers)
    no_role: int = 0
    #: True when the periods are too small to break out even pooled
    periods_hidden: bool = False
    #: Free-text answers the chairs held back before anyone saw the summary (only the count).
    held_back: int = 0
    #: Free-text answers that are in the files but not in this summary (the coordinator did
    #: not choose to include free text).
    free_text_left_out: int = 0


def scale_fields(form: FormDef):
    return [f for f in form.fields() if f.type == "scale"]


def _statement(f, states: list[dict]) -> Statement:
    tally = Counter(s.get(f.name) for s in states)
    counts = {v: tally[v] for v in SCALE_VALUES}
    numbers = [int(v) for v in SCALE_VALUES for _ in range(tally[v])]  # sorted, as the median needs
    return Statement(
        name=f.name, label=f.label, counts=counts, dont_know=tally[DONT_KNOW], n=len(numbers),
        mean=round(statistics.fmean(numbers), 2) if numbers else None,
        median=statistics.median(numbers) if numbers else None)


def group(form: FormDef, key: str, label: str, states: list[dict]) -> Group:
    return Group(key, label, len(states), tuple(_statement(f, states) for f in scale_fields(form)))


def role_label(form: FormDef, value: str) -> str:
    """A role's short name ("Työntekijä"), the one the chair's view uses; the answer's own
    words ("työntekijänä") are for the respondent."""
    return form.messages.get(f"meeting.role_choice.{value}") or form.field("role").choice_label(value)


def period_of(answer: Answer, period: str) -> str:
    """"2027-03" (month) or "2027 Q1" (quarter); "" when the answer has no date."""
    if answer.date is None:
        return ""
    if period == "quarter":
        return f"{answer.date.year} Q{(answer.date.month - 1) // 3 + 1}"
    return f"{answer.date.year}-{answer.date.month:02d}"


def summarise(form: FormDef, answers: list[Answer], period: str = "month", free_text: bool = True,
              held_back: int = 0) -> Summary:
    """The summary of ``answers`` in the form's language (see the module docstring).

    Small numbers: the roles are broken out only when every group that has answers (each role,
    and answers without one) has at least :data:`SMALL`, because the total minus the groups shown
    would give a small group's answers. Periods with fewer than :data:`SMALL` answers are pooled
    into one group; when even that pool is smaller, periods are not broken out at all. Free-text
    answers are listed in alphabetical order, not in the order people answered; with
    ``free_text`` false they are only counted (``free_text_left_out``)."""
    if period not in PERIODS:
        period = PERIODS[0]
    m = form.messages
    role_field = form.field("role")
    states = [a.state for a in answers]
    roles = {c.value: sum(1 for s in states if s.get("role") == c.value) for c in role_field.choices}
    no_role = len(states) - sum(roles.values())
    groups_with_answers = [n for n in (*roles.values(), no_role) if n]
    split = len(groups_with_answers) > 1 and all(n >= SMALL for n in groups_with_answers)
    by_role = [group(form, c.value, role_label(form, c.value), [s for s in states if s.get("role") == c.value])
               for c in role_field.choices if split and roles[c.value]]
    # Answers without a role are a group of their own: the groups shown always add up to the total.
    known = {c.value for c in role_field.choices}
    if split and no_role:
        by_role.append(group(form, "", m("feedback.summary.no_role"), [s for s in states if s.get("role") not in known]))
    small = [role_label(form, c.value) for c in role_field.choices if 0 < roles[c.value] < SMALL]
    if 0 < no_role < SMALL and len(groups_with_answers) > 1:
        small.append(m("feedback.summary.no_role"))
    periods: dict[str, list[dict]] = {}
    for a in answers:
        periods.setdefault(period_of(a, period), []).append(a.state)
    keys = sorted(periods, key=lambda k: (k == "", k))
    pooled_keys = [k for k in keys if len(periods[k]) < SMALL]
    pooled = [s for k in pooled_keys for s in periods[k]]
    by_period: list[Group] = []
    if len(keys) > 1 and (not pooled or len(pooled) >= SMALL):
        by_period = [group(form, k, k or m("feedback.summary.no_date"), periods[k]) for k in keys if k not in pooled_keys]
        if pooled:
            labels = ", ".join(k or m("feedback.summary.no_date") for k in pooled_keys)
            by_period.append(group(form, "other", m("feedback.summary.pooled", periods=labels), pooled))
    free = [(f.label, sorted((s[f.name].strip() for s in states if isinstance(s.get(f.name), str) and s[f.name].strip()),
                             key=str.casefold))
            for f in form.fields() if f.type == "textarea"]
    left_out = 0 if free_text else sum(len(texts) for _, texts in free)
    if not free_text:
        free = [(question, []) for question, _ in free]
    return Summary(respondents=len(states), roles=roles, overall=group(form, "", m("feedback.summary.all"), states),
                   by_role=by_role, small_roles=small, by_period=by_period, period=period, free_text=free,
                   no_role=no_role, periods_hidden=len(keys) > 1 and not by_period, held_back=held_back,
                   free_text_left_out=left_out)
