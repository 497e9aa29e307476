"""Training scenarios: a vignette run on a tree, with injects and a commented reference path."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ethicsguide.engine.models import Slug, Strict, Text


class Inject(Strict):
    """New facts shown to the trainee when the walkthrough reaches ``at``."""

    at: Slug = Field(description="The node of the tree where the inject lands.")
    text: Text


class ReferenceStep(Strict):
    """The reference choice at one fork, with the commentary a facilitator would give."""

    node: Slug
    choose: Text = Field(
        description="The label of the option the reference path takes; at a choose-all-that-"
        'apply question, the labels of each option it ticks, joined with "; ".'
    )
    commentary: Text


class Scenario(Strict):
    """A tabletop exercise: what happened, what to learn, and the defended path."""

    format: Literal[1] = 1
    id: Slug
    title: Text
    tree: Slug = Field(description="The id of the tree the exercise runs on.")
    vignette: Text
    objectives: list[Text] = Field(min_length=1)
    injects: list[Inject] = Field(default_factory=list)
    reference: list[ReferenceStep] = Field(min_length=1)
    discussion: list[Text] = Field(default_factory=list)
    facilitator_notes: str | None = None
    reviewed: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}(-\d{2})?$")
