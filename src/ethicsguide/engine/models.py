"""Typed models of the tree, glossary and source files (formats 1 and 2)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ethicsguide.engine.conditions import ConditionError, parse
from ethicsguide.engine.domains import Domain

HANDOFF_PREFIX = "tree:"
NodeKind = Literal["question", "step", "outcome"]
MANY_EDGE = "all that apply"  # the label of a multi-select's one way on

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1)]
# An author's open question for the lawyer reviewer: shown by `casebook` and
# docs/library-review.md, never by the app, chat or export.
Review = Annotated[
    str | None, Field(default=None, description="Open question for the reviewer; never shown.")
]
Condition = Annotated[str, Field(min_length=1, max_length=500)]


class Strict(BaseModel):
    """Base for file models: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A citation: statute, regulation, official guidance or professional code."""

    cite: Text = Field(description="Full citation as a reader would look it up.")
    url: str | None = Field(default=None, description="Where the primary text can be read.")
    note: str | None = Field(default=None, description="How it varies; shown to workers.")
    review: Review = None


class Principle(Strict):
    """An ethical principle of the glossary."""

    name: Text
    short: Text = Field(description="One line shown beside a fork.")
    definition: Text
    in_practice: str | None = Field(default=None, description="How it shows up in casework.")
    conflicts_with: list[Slug] = Field(default_factory=list)
    sources: list[Slug] = Field(default_factory=list)


def _condition_error(text: str, exc: ConditionError) -> PydanticCustomError:
    return PydanticCustomError(
        "bad-condition", "bad condition `{text}`: {reason}", {"text": text, "reason": str(exc)}
    )


class Section(Strict):
    """Base of a ``when:`` section: shown only where its condition holds for the path's facts."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    condition: Condition = Field(
        alias="if", description="Facts that must hold: names joined by and, or, not, ( )."
    )

    @field_validator("condition")
    @classmethod
    def _parses(cls, value: str) -> str:
        try:
            parse(value)
        except ConditionError as exc:
            raise _condition_error(value, exc) from None
        return value

    @model_validator(mode="after")
    def _says_something(self) -> Section:
        if not any(getattr(self, name) for name in type(self).model_fields if name != "condition"):
            keys = ", ".join(f"`{n}`" for n in type(self).model_fields if n != "condition")
            raise PydanticCustomError("empty-section", "a `when` section needs one of " + keys)
        return self


class SourcedSection(Section):
    """A section that may cite sources of its own."""

    sources: list[Slug] = Field(default_factory=list)


class OutcomeSection(SourcedSection):
    """Extra outcome text for paths where the condition holds."""

    guidance: str | None = Field(default=None, description="Markdown added after the guidance.")
    actions: list[Text] = Field(default_factory=list, description="Steps added to the actions.")
    actions_first: list[Text] = Field(
        default_factory=list,
        description="Steps put before the outcome's own actions, for a step that must come "
        "first on these paths.",
    )
    avoid: list[Text] = Field(default_factory=list, description="Added to what not to do.")


class StepSection(SourcedSection):
    """Extra step text for paths where the condition holds."""

    say: str | None = Field(default=None, description="Added after the step's text.")


class NoteSection(Section):
    """Extra option note for paths where the condition holds."""

    note: str | None = Field(default=None, description="Added after the option's note.")


class Option(Strict):
    """One answer to a question, and where it leads."""

    label: Text
    to: Text | None = Field(
        default=None,
        description="A node id of this tree, or tree:<id> to hand over "
        "(left out when the question has `many: true`).",
    )
    note: str | None = Field(
        default=None, description="What choosing this means or risks; shown once chosen."
    )
    upholds: list[Slug] = Field(default_factory=list)
    strains: list[Slug] = Field(default_factory=list)
    sets: list[Slug] = Field(default_factory=list, description="Facts this answer establishes.")
    alone: bool = Field(
        default=False, description="In a `many: true` question: cannot be chosen with others."
    )
    when: list[NoteSection] = Field(
        default_factory=list, description="Notes added where facts hold."
    )


class Question(Strict):
    """A fork: the worker picks one option (or, with ``many``, all that apply) and says why."""

    ask: Text
    why: str | None = Field(default=None, description="What this question decides and why.")
    tension: list[Slug] = Field(default_factory=list)
    many: bool = Field(default=False, description="Choose all that apply; one `to` for all.")
    to: Text | None = Field(
        default=None, description="With `many: true`: where every selection leads."
    )
    options: list[Option]
    sources: list[Slug] = Field(default_factory=list)
    review: Review = None

    @model_validator(mode="after")
    def _targets_fit_the_kind(self) -> Question:
        if self.many:
            _many_targets(self)
        else:
            _single_targets(self)
        return self

    @property
    def kind(self) -> NodeKind:
        return "question"

    @property
    def text(self) -> str:
        """What the worker reads at this node."""
        return self.ask

    @property
    def says_choose_all(self) -> bool:
        """True if the question's own words already tell the worker to choose all that apply
        (then the app, chat and export add only how to tick, not the phrase again)."""
        return self.many and "choose all that apply" in self.ask.casefold()

    def edges(self) -> list[tuple[str, str]]:
        """(label, target) of each way on: each option, or one for a multi-select."""
        if self.many:
            return [(MANY_EDGE, self.to or "")]
        return [(o.label, o.to or "") for o in self.options]

    def target_of(self, index: int) -> str:
        """Where choosing option ``index`` leads (the shared ``to`` of a multi-select)."""
        target = self.to if self.many else self.options[index].to
        assert target is not None  # guaranteed by _targets_fit_the_kind
        return target


def _many_targets(question: Question) -> None:
    if question.to is None:
        raise _located("many-needs-to", "a `many: true` question needs its own `to`", ("many",))
    for index, option in enumerate(question.options):
        if option.to is not None:
            message = "options of a `many: true` question share the question's `to`; remove this"
            raise _located("many-option-to", message, ("options", index, "to"))


def _single_targets(question: Question) -> None:
    if question.to is not None:
        message = "a question-level `to` needs `many: true`; otherwise each option has its `to`"
        raise _located("question-to-needs-many", message, ("to",))
    for index, option in enumerate(question.options):
        if option.to is None:
            raise _located("option-needs-to", "missing required key `to`", ("options", index))
        if option.alone:
            message = "`alone` only applies to a `many: true` question"
            raise _located("alone-needs-many", message, ("options", index, "alone"))


def _located(code: str, message: str, path: tuple[str | int, ...]) -> PydanticCustomError:
    """An error the loader places at ``path`` below the model that raised it."""
    return PydanticCustomError(code, message, {"at": path})


class Step(Strict):
    """Guidance shown on the way, with no choice to make."""

    say: Text
    to: Text
    why: str | None = None
    sources: list[Slug] = Field(default_factory=list)
    review: Review = None
    when: list[StepSection] = Field(
        default_factory=list, description="Text added where facts hold."
    )

    @property
    def kind(self) -> NodeKind:
        return "step"

    @property
    def text(self) -> str:
        return self.say

    def edges(self) -> list[tuple[str, str]]:
        return [("", self.to)]


class Outcome(Strict):
    """Where a path ends: defensible guidance with its sources."""

    outcome: Text = Field(description="The outcome's title.")
    guidance: Text = Field(description="Markdown: what to do and say, in plain language.")
    actions: list[Text] = Field(default_factory=list, description="Ordered steps to take.")
    avoid: list[Text] = Field(default_factory=list, description="What not to do.")
    sources: list[Slug] = Field(default_factory=list)
    principles: list[Slug] = Field(default_factory=list)
    supervisor: bool = Field(default=False, description="Talk to a supervisor before acting.")
    review: Review = None
    when: list[OutcomeSection] = Field(
        default_factory=list, description="Guidance, actions and sources added where facts hold."
    )
    then: Text | None = Field(
        default=None,
        description="Continue after this outcome: a node id of this tree, or tree:<id>.",
    )

    @property
    def kind(self) -> NodeKind:
        return "outcome"

    @property
    def text(self) -> str:
        return self.outcome

    def edges(self) -> list[tuple[str, str]]:
        """The continuation, if any: the walk goes on after this outcome."""
        return [("then", self.then)] if self.then else []


def _node_kind(value: Any) -> str | None:
    """Pick the node model from the key that marks it (ask, say or outcome)."""
    if isinstance(value, BaseModel):
        return str(getattr(value, "kind", None))
    if not isinstance(value, dict):
        return None
    for key, kind in (("ask", "question"), ("say", "step"), ("outcome", "outcome")):
        if key in value:
            return kind
    return None


Node = Annotated[
    Annotated[Question, Tag("question")]
    | Annotated[Step, Tag("step")]
    | Annotated[Outcome, Tag("outcome")],
    Discriminator(
        _node_kind,
        custom_error_type="node_kind",
        custom_error_message="a node needs `ask` (question), `say` (step) or `outcome`",
    ),
]


class Tree(Strict):
    """A decision tree: one dilemma, walked from ``start`` to an outcome."""

    format: Literal[1, 2] = 1
    id: Slug
    title: Text
    domain: Domain
    summary: Text
    version: int = Field(default=1, ge=1, description="Raise when the meaning changes.")
    reviewed: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}(-\d{2})?$")
    keywords: list[str] = Field(default_factory=list)
    review: Review = None
    sources: dict[Slug, Source] = Field(default_factory=dict)
    start: Slug
    nodes: dict[Slug, Node]

    def node(self, node_id: str) -> Question | Step | Outcome:
        return self.nodes[node_id]

    def questions(self) -> list[str]:
        return [k for k, n in self.nodes.items() if isinstance(n, Question)]

    def outcomes(self) -> list[str]:
        return [k for k, n in self.nodes.items() if isinstance(n, Outcome)]


class PrinciplesFile(Strict):
    """``principles.yaml``: the glossary every tension/upholds/strains entry names."""

    format: Literal[1] = 1
    principles: dict[Slug, Principle]


class SourcesFile(Strict):
    """``sources.yaml``: citations shared by every tree."""

    format: Literal[1] = 1
    sources: dict[Slug, Source]


def is_handoff(target: str) -> bool:
    """True for ``tree:<id>`` targets that continue in another tree."""
    return target.startswith(HANDOFF_PREFIX)


def handoff_tree(target: str) -> str:
    return target[len(HANDOFF_PREFIX) :]


def targets(node: Question | Step | Outcome) -> list[str]:
    """Every way on from a node, in option order (a multi-select's shared ``to``; ``then``)."""
    return [target for _label, target in node.edges() if target]
