"""The chat conversation: one plain line per prompt, over a live session (plain and exercise chats)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TextIO

from ethicsguide.cli.common import fail
from ethicsguide.cli.signed_decision import notice_lines, prompt_note, quoted, signed_decision
from ethicsguide.engine.identifiers import find_identifiers
from ethicsguide.engine.models import Outcome, Question, Step
from ethicsguide.engine.notice import NOT_LEGAL_ADVICE
from ethicsguide.engine.record import current_outcome
from ethicsguide.engine.render import option_notes, step_text
from ethicsguide.engine.session import NodeRef, PathBroken, Position, node_at
from ethicsguide.engine.signoff_wording import UNCHANGED
from ethicsguide.engine.walk import MoveError
from ethicsguide.storage.exports import write_export
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import LiveSession

COMMANDS = "Type a number, or words from one option, or: back, why, quit"


class EndOfInput(Exception):
    """Standard input closed: keep everything and say how to resume."""


class Conversation:
    """Reads one line per prompt; prints plain text only (no colour, no cursor tricks)."""

    def __init__(self, live: LiveSession, out: TextIO, inp: TextIO) -> None:
        self.live = live
        self.out = out
        self.inp = inp
        self.unsaved = False  # the last answer could not be written (full disk, I/O error)

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def ask_line(self, prompt: str) -> str:
        self.out.write(f"{prompt}\n> ")
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.say()
            raise EndOfInput
        return line.rstrip("\n")

    def run(self) -> bool:
        """Walk until an outcome's final decision; False if the worker quit early."""
        if self._needs_reasoning():
            self._ask_reasoning()
        while True:
            here = self.live.position()
            self._show_passed(here)
            node = node_at(here.node, self.live.library.tree)
            if isinstance(node, Outcome) and node.then is None:
                self._finish(node)
                return True
            if isinstance(node, Outcome):
                if not self._go_on(node):
                    return False
                continue
            assert isinstance(node, Question)
            if not self._question(here.node, node):
                return False

    def _needs_reasoning(self) -> bool:
        active = self.live.state.active
        return bool(active) and active[-1].reasoning is None

    def _show_passed(self, here: Position) -> None:
        lib = self.live.library
        for tree_id in here.handoffs:
            target = lib.tree(tree_id)
            self.say(f"\n→ This continues in another guide: {target.title if target else tree_id}")
        for ref in here.passed:
            step = node_at(ref, lib.tree)
            if isinstance(step, Step):
                for say in step_text(step, self.live.state.facts).say:
                    self.say(f"\nGuide: {say}")

    def _question(self, ref: NodeRef, node: Question) -> bool:
        number = len(self.live.state.active) + 1
        self.say(f"\nQuestion {number}: {node.ask}")
        self._tension(node)
        if node.many:
            how = "type the numbers, like 1 3 or 1,3."
            self.say(
                f"  {how.capitalize()}"
                if node.says_choose_all
                else f"  Choose all that apply: {how}"
            )
        for index, option in enumerate(node.options, start=1):
            alone = " (on its own)" if option.alone else ""
            self.say(f"  {index}. {option.label}{alone}")
        while True:
            answer = self.ask_line(COMMANDS).strip()
            word = answer.casefold()
            if word == "quit":
                return False
            if word == "why":
                self._why(node)
                continue
            if word == "back":
                self._back()
                return True
            picked = match_options(node, answer) if node.many else match_option(node, answer)
            if isinstance(picked, str):
                self.say(picked)
                continue
            try:
                saved = self._saved(self.live.choose, picked)
            except MoveError as exc:
                self.say(f"{exc}.")
                continue
            if not saved:
                self.say("Type your answer again to retry, or quit.")
                continue
            self._chosen(node)
            self._ask_reasoning()
            return True

    def _chosen(self, node: Question) -> None:
        """Say what was chosen and, at once, every note the choice carries."""
        choice = self.live.state.active[-1]
        labels = [node.options[i].label for i in choice.picks]
        self.say("You chose: " + "; ".join(labels))
        facts = self.live.state.facts
        for index in choice.picks:
            for text in option_notes(node.options[index], facts):
                self.say(f"Note: {text}")

    def _tension(self, node: Question) -> None:
        if not node.tension:
            return
        names = [self._principle(p) for p in node.tension]
        self.say("  Principles in tension: " + " <-> ".join(names))

    def _principle(self, key: str) -> str:
        principle = self.live.library.principles.get(key)
        return f"{principle.name} ({principle.short})" if principle else key

    def _why(self, node: Question) -> None:
        self.say(f"Why this question: {node.why or 'no explanation is given for this question.'}")
        for key in node.tension:
            principle = self.live.library.principles.get(key)
            if principle:
                self.say(f"  {principle.name}: {principle.definition}")
        for index, option in enumerate(node.options, start=1):
            if option.note:
                self.say(f"  {index}. {option.label}: {option.note}")

    def _back(self) -> None:
        try:
            self.live.back()
        except MoveError as exc:
            self.say(str(exc))
            return
        self.say("Went back. Your earlier choice stays in the record, marked withdrawn.")

    def _ask_reasoning(self) -> None:
        text = self.ask_line("Why did you choose this? Give your reasoning (blank to skip):")
        self._warn_identifiers(text)
        self._save_words(self.live.reason, text)

    def _warn_identifiers(self, text: str) -> None:
        found = find_identifiers(text)
        if found:
            kinds = ", ".join(sorted({f.kind for f in found}))
            self.say(
                f"Note: this looks like it may identify someone ({kinds}). "
                "It is saved as typed; `export --redact` can leave it out."
            )

    def _finish(self, node: Outcome) -> None:
        self._show_outcome()
        if self.live.state.final_decision is None:
            self._ask_final_decision()
        else:  # a finished session resumed: its decision may still be changed
            self._offer_change()

    def _go_on(self, node: Outcome) -> bool:
        """At an outcome that continues: the final-decision line, then on. False on quit."""
        self._show_outcome()
        if self.live.state.final_decision is None:
            self._ask_final_decision()
        else:  # back here after going back: ask before going on again
            answer = self.ask_line("\nPress Enter to go on, or type back or quit:").strip()
            if answer.casefold() == "quit":
                return False
            if answer.casefold() == "back":
                self._back()
                return True
        self.say(f"\nContinuing: the guide goes on after “{node.outcome}”.")
        self.live.continue_on()
        return True

    def _ask_final_decision(self) -> None:
        prompt = "Your final decision and next steps (one line; blank to skip):"
        text = self.ask_line(f"\n{prompt_note(self.signed)}{prompt}")
        self._warn_identifiers(text)
        self._save_words(self.live.reflect, text)

    def _offer_change(self) -> None:
        """The decision as recorded, and one line to change it (blank or end of input keeps it)."""
        decision = self.live.state.final_decision or ""
        self.say(f"\nYour final decision: {quoted(decision) if decision else '(left blank)'}")
        try:
            text = self.ask_line(
                f"{prompt_note(self.signed)}"
                "To change it, type your new final decision (one line); press Enter to keep it:"
            ).strip()
        except EndOfInput:
            return  # a script that ends here keeps the decision, and the export still follows
        if not text:
            return
        if text == decision:  # recorded again, it would read as a change made after a sign-off
            self.say(UNCHANGED)
            return
        self._warn_identifiers(text)
        self._save_words(self.live.reflect, text)
        self.say("Final decision saved.")

    @cached_property
    def signed(self) -> str | None:
        """What the last good sign-off covered (see ``signed_decision``), read once."""
        return signed_decision(self.live)

    def _show_outcome(self) -> None:
        entry = current_outcome(self.live.state, self.live.library.tree)
        assert entry is not None
        text = entry.text
        self.say(f"\nOutcome: {text.title}")
        if text.supervisor:
            self.say("Talk to your supervisor before you act on this.")
        for number, line in enumerate(notice_lines(self.live.state.final_decision, self.signed)):
            self.say(f"\n{line}" if number == 0 else line)
        for paragraph in text.guidance:
            self.say(f"\n{paragraph}")
        self._list("What to do, in order:", list(text.actions), numbered=True)
        self._list("What not to do:", list(text.avoid))
        self._sources(text.sources)
        self.say(f"\n{NOT_LEGAL_ADVICE}")

    def _saved(self, move: Callable[..., object], *args: object) -> bool:
        """Run one move; on a failed write say plainly what was NOT saved and return False."""
        try:
            move(*args)
        except SessionFileError as exc:
            if self.live.log.read_only:
                raise
            self.unsaved = True
            self.say(f"\n{exc}")
            return False
        self.unsaved = False
        return True

    def _save_words(self, move: Callable[[str], object], text: str) -> None:
        """Save typed words, keeping them on screen to retry until the write succeeds."""
        while not self._saved(move, text):
            self.say(f"Your words, not saved yet: {text}")
            again = self.ask_line("Press Enter to try saving them again, or type new words:")
            text = again or text

    def _list(self, title: str, items: list[str], *, numbered: bool = False) -> None:
        if not items:
            return
        self.say(f"\n{title}")
        for index, item in enumerate(items, start=1):
            self.say(f"  {index}. {item}" if numbered else f"  - {item}")

    def _sources(self, names: tuple[str, ...]) -> None:
        ref = self.live.state.outcome
        tree = self.live.library.tree(ref.tree) if ref else None
        if tree is None or not names:
            return
        self.say("\nSources:")
        for name in names:
            source = self.live.library.source(tree, name)
            if source:
                self.say(f"  - {source.cite}" + (f" <{source.url}>" if source.url else ""))


def match_option(node: Question, answer: str) -> int | str:
    """The option a line names (a number or unambiguous words), or a message saying why not."""
    text = " ".join(answer.casefold().split())
    if not text:
        return "Please type a number from the list."
    if text.isdigit():
        number = int(text)
        if 1 <= number <= len(node.options):
            return number - 1
        return f"There is no option {number}; choose 1 to {len(node.options)}."
    labels = [" ".join(o.label.casefold().split()) for o in node.options]
    if text in labels:
        return labels.index(text)
    hits = [i for i, label in enumerate(labels) if text in label]
    if len(hits) == 1:
        return hits[0]
    if hits:
        return "That matches more than one option: " + ", ".join(str(i + 1) for i in hits) + "."
    return f"'{answer.strip()}' does not match an option. {COMMANDS}."


def match_options(node: Question, answer: str) -> list[int] | str:
    """Several options: numbers (``1 3``, ``1,3``) or words of each, separated by commas."""
    text = answer.strip()
    parts = [p for p in text.replace(",", " ").split()] if _all_numbers(text) else text.split(",")
    picks: list[int] = []
    for part in parts:
        picked = match_option(node, part)
        if isinstance(picked, str):
            return picked
        picks.append(picked)
    return picks


def _all_numbers(text: str) -> bool:
    return bool(text) and all(p.isdigit() for p in text.replace(",", " ").split())


def converse(
    live: LiveSession, export: Path | None, conversation: Conversation | None = None
) -> int:
    """Run the conversation on an open session; used by plain and scenario chats."""
    chat = conversation or Conversation(live, sys.stdout, sys.stdin)
    tree = live.library.tree(live.state.tree)
    if outside := live.library.outside_note():
        chat.say(outside)
    chat.say(f"ethicsguide: {tree.title if tree else live.state.tree}")
    chat.say(NOT_LEGAL_ADVICE)
    chat.say(f"Session {live.state.id}: every answer is saved as you go.")
    for note in live.drift.notes:
        chat.say(f"Note: {note}")
    if live.log.read_only and live.read.altered_at is None:
        return fail(f"{live.log.reason}.")
    if live.log.read_only:
        return fail(
            "this record was altered after it was written; it opens read-only. "
            f"`ethicsguide export {live.state.id}` shows what is intact."
        )
    if live.read_only:
        return fail(
            f"this session cannot go on in the edited guide; `ethicsguide export {live.state.id}` keeps the record."
        )
    try:
        finished = chat.run()
    except EndOfInput:
        if chat.unsaved:
            return fail(
                "input ended; your last answer was NOT saved (everything before it is). "
                f"Resume with: ethicsguide chat --resume {live.state.id}"
            )
        chat.say(
            f"Input ended. Everything so far is saved. Resume with: ethicsguide chat --resume {live.state.id}"
        )
        return 0
    except PathBroken as exc:
        return fail(f"cannot continue this session: {exc}. The tree was changed since it began.")
    except SessionFileError as exc:
        return fail(str(exc))
    if not finished:
        chat.say(f"Saved. Resume with: ethicsguide chat --resume {live.state.id}")
        return 0
    if export is not None:
        _export(live, export, chat)
    chat.say(f"\nSession saved: {live.state.id}")
    return 0


def _export(live: LiveSession, path: Path, chat: Conversation) -> None:
    written = write_export(live, path)
    chat.say(f"Record written to {written}")
