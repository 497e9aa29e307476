"""``ethicsguide chat --scenario S``: a training exercise as a plain conversation.

The trainee reads the vignette, walks the tree, meets injects as they land, and sees the
reference path with its commentary only after reaching an outcome.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ethicsguide.cli.common import data_dir, fail, library
from ethicsguide.cli.conversation import Conversation, converse
from ethicsguide.engine.models import Outcome
from ethicsguide.engine.scenario import Scenario
from ethicsguide.engine.session import Position
from ethicsguide.engine.training import due_injects, review
from ethicsguide.storage.sessions import LiveSession


class ExerciseConversation(Conversation):
    """A conversation that shows injects on arrival and the debrief at the end."""

    def __init__(self, live: LiveSession, out: TextIO, inp: TextIO, scenario: Scenario) -> None:
        super().__init__(live, out, inp)
        self.scenario = scenario

    def run(self) -> bool:
        if not self.live.state.choices:
            self._vignette()
        return super().run()

    def _vignette(self) -> None:
        self.say(f"\nExercise: {self.scenario.title}\n\n{self.scenario.vignette.strip()}")
        self.say("\nLearning objectives:")
        for objective in self.scenario.objectives:
            self.say(f"  - {objective}")

    def _show_passed(self, here: Position) -> None:
        super()._show_passed(here)
        for inject in due_injects(self.scenario, here, self.live.state.injects):
            self.say(f"\nNEW INFORMATION: {inject.text.strip()}")
            self.live.inject_shown(inject.at)

    def _finish(self, node: Outcome) -> None:
        super()._finish(node)
        self._debrief()

    def _debrief(self) -> None:
        self.live.debriefed()  # from here on the answers stay as given (see walk.go_back)
        self.say("\nDebrief: your path beside the reference (differences first)")
        for fork in review(self.live.state, self.scenario, self.live.library.tree):
            mark = "DIFFERENT" if fork.diverged else "same"
            self.say(f"\n[{mark}] {fork.ask}")
            self.say(f"  You chose: {fork.chosen}")
            if fork.reasoning:
                self.say(f"  Your reasoning: {fork.reasoning}")
            if fork.reference:
                self.say(f"  Reference: {fork.reference.choose}")
                self.say(f"  Commentary: {fork.reference.commentary}")
            else:
                self.say("  The reference path does not pass this question.")
        if self.scenario.discussion:
            self.say("\nFor discussion:")
            for question in self.scenario.discussion:
                self.say(f"  - {question}")


def run_scenario(args: argparse.Namespace) -> int:
    if args.tree or args.resume:
        return fail("--scenario starts a new exercise; give no TREE or --resume with it", 2)
    lib = library(args)
    entry = lib.scenarios.get(args.scenario)
    if entry is None:
        return fail(f"no scenario `{args.scenario}`; `ethicsguide scenarios` lists them")
    scenario = entry.scenario
    tree = lib.tree(scenario.tree)
    assert tree is not None  # scenarios whose tree is missing are not loaded
    live = LiveSession.start(
        data_dir(args),
        lib,
        tree,
        mode="training",
        scenario=scenario.id,
        dilemma=f"Training exercise: {scenario.title}",
    )
    chat = ExerciseConversation(live, sys.stdout, sys.stdin, scenario)
    return converse(live, args.export, conversation=chat)
