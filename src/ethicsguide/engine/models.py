"""Typed models of the tree, glossary and source files (format 1)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

Domain = Literal[
    "reporting", "service-provision", "safety-planning", "sensitive-information", "general"
]
DOMAINS: tuple[str, ...] = (
    "reporting",
    "service-provision",
    "safety-planning",
    "sensitive-information",
    "general",
)
HANDOFF_PREFIX = "tree:"

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1)]
# An author's open question for the lawyer reviewer: shown by `casebook` and
# docs/library-review.md, never by the app, chat or export.
Review = Annotated[
    str | None, Field(default=None, description="Open question for the reviewer; never shown.")
]


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


class Option(Strict):
    """One answer to a question, and where it leads."""

    label: Text
    to: Text = Field(description="A node id of this tree, or tree:<id> to hand over.")
    note: str | None = Field(default=None, description="What choosing this means or risks.")
    upholds: list[Slug] = Field(default_factory=list)
    strains: list[Slug] = Field(default_factory=list)


class Question(Strict):
    """A fork: the worker picks one option and says why."""

    ask: Text
    why: str | None = Field(default=None, description="What this question decides and why.")
    tension: list[Slug] = Field(default_factory=list)
    options: list[Option]
    sources: list[Slug] = Field(default_factory=list)
    review: Review = None

    @property
    def kind(self) -> str:
        return "question"


class Step(Strict):
    """Guidance shown on the way, with no choice to make."""

    say: Text
    to: Text
    why: str | None = None
    sources: list[Slug] = Field(default_factory=list)
    review: Review = None

    @property
    def kind(self) -> str:
        return "step"


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

    @property
    def kind(self) -> str:
        return "outcome"


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

    format: Literal[1] = 1
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
    """Every ``to`` of a node, in option order."""
    if isinstance(node, Question):
        return [o.to for o in node.options]
    if isinstance(node, Step):
        return [node.to]
    return []
