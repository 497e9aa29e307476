#!/usr/bin/env python3
"""A classroom on one machine: N browser-like trainees walk an exercise through ``serve``.

    python bench/classroom_load.py [--trainees 30] [--gap 0.3] [--scenario ID]

Starts ``ethicsguide serve`` on loopback (a free port, a temporary training folder) and
stops it when done or after ``--deadline`` seconds. First one trainee walks alone (the
baseline, same run); then ``--trainees`` join ``--gap`` seconds apart. Each opens the
page's WebSocket with the page's Origin and token, waits for the briefing, starts the
exercise, answers each fork of the reference path (3 s to read, the digit, a reason typed
at 4 keys/s, Enter) and opens the debrief at the outcome. Printed: sessions
completed and in the group debrief, first-screen times, key-to-screen-update latency
(key sent to the next frame received) and the serving process tree's memory (RSS summed,
and PSS, which counts pages shared by the forked apps once). Targets: all first screens
within 3 s, p95 < 300 ms, RSS < 4 GB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.serve.webclient import Tab

REASON = "she asked for time first"
TYPING = 0.25  # seconds between keys: ~48 words a minute, a quick typist
READING = 3.0  # seconds on each question before choosing (people take longer; this is a rush)


@dataclass
class Plan:
    """What a trainee sees and presses: the briefing title, then per fork (ask, key, steps)."""

    title: str
    forks: list[tuple[str, str, int]]


def plan(scenario_id: str, library: Any = None) -> Plan:
    from ethicsguide.engine.scenario_checks import option_index
    from ethicsguide.engine.session import find_question, follow, resolve_to
    from ethicsguide.engine.training import walk_reference
    from ethicsguide.storage.library import load_library

    library = library or load_library()
    scenario = library.scenarios[scenario_id].scenario
    steps, _end = walk_reference(scenario, library.tree)
    forks = []
    for ref, step in steps.items():
        question = find_question(ref, library.tree)
        assert question is not None and not getattr(question, "many", False), (
            f"{ref} is not a one-choice fork"
        )
        index = option_index(question, step.choose)
        assert index is not None
        handoffs: list[str] = []
        to = resolve_to(ref.tree, question.options[index].to, library.tree, handoffs)
        after = follow(to, library.tree)  # each message and hand-over waits for Continue
        waits = len(after.passed) + len(handoffs) + len(after.handoffs)
        forks.append((question.ask[:30], str(index + 1), waits))
    return Plan(scenario.title[:30], forks)


@dataclass
class Trainee:
    tab: Tab
    first_screen: float | None = None
    done: bool = False
    error: str = ""
    keys: list[float] = field(default_factory=list)


async def walk(trainee: Trainee, route: Plan, pace: tuple[float, float]) -> None:
    """One trainee to the debrief; ``pace`` is (seconds reading a question, between keys)."""
    reading, typing = pace
    tab = trainee.tab
    try:
        start = time.monotonic()
        await tab.open()
        await tab.wait_for(route.title, timeout=60)
        trainee.first_screen = time.monotonic() - start
        await tab.press("s")
        for ask, key, steps in route.forks:
            await tab.wait_for(ask, timeout=60)
            await asyncio.sleep(reading)
            tab.clear()
            await tab.press(key)
            await tab.wait_for("Type your reasoning", timeout=60)
            for char in REASON:
                await tab.press(char)
                await asyncio.sleep(typing)
            tab.clear()
            await tab.press("enter")
            for _ in range(steps):  # a message or hand-over from the guide between forks
                await tab.wait_for("Continue", timeout=60)
                tab.clear()
                await tab.press("enter")
        await tab.wait_for("then press r", timeout=60)  # the exercise's outcome
        tab.clear()
        await tab.press("r")
        await tab.wait_for("You reached", timeout=60)  # the debrief
        trainee.done = True
    except (AssertionError, OSError) as exc:
        trainee.error = str(exc)[:200]
    finally:
        trainee.keys = tab.latencies
        await tab.close()


def tree_pids(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found, todo = [root], [root]
    while todo:
        parent = todo.pop()
        kids = [p for p, pp in parents.items() if pp == parent]
        found += kids
        todo += kids
    return found


def cpu_seconds(root: int, seen: dict[int, float]) -> float:
    """CPU time used so far by the serving tree; ``seen`` keeps exited apps' last reading."""
    tick = os.sysconf("SC_CLK_TCK")
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seen[pid] = (int(fields[11]) + int(fields[12])) / tick
    return sum(seen.values())


def memory(root: int) -> tuple[int, int, int]:
    """(RSS summed, PSS summed, processes) of the serving tree, in bytes."""
    rss = pss = count = 0
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                fields = dict(
                    line.split(":", 1) for line in f if ":" in line and not line[0].isdigit()
                )
        except OSError:
            continue
        rss += int(fields["Rss"].split()[0]) * 1024
        pss += int(fields["Pss"].split()[0]) * 1024
        count += 1
    return rss, pss, count


async def sample(
    root: int, peak: list[tuple[int, int, int]], cpu: dict[int, float], stop: asyncio.Event
) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], memory(root))
        cpu_seconds(root, cpu)
        await asyncio.sleep(0.5)


async def room(
    base: str, token: str, route: Plan, count: int, gap: float, pace: tuple[float, float] = (0, 0)
) -> list[Trainee]:
    trainees = [Trainee(Tab(base, token, secrets.token_hex(16), 120, 40)) for _ in range(count)]
    walks = []
    for trainee in trainees:
        walks.append(asyncio.create_task(walk(trainee, route, pace)))
        await asyncio.sleep(gap)
    await asyncio.gather(*walks)
    return trainees


def start_server(folder: Path, port: int, scenario: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ethicsguide",
            "serve",
            "--port",
            str(port),
            "--scenario",
            scenario,
            "--data-dir",
            str(folder),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if "?token=" in line:
            return proc, line.strip().split("?token=", 1)[1]
    raise SystemExit("serve did not start")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else (values or [0.0])[0]


def report(name: str, trainees: list[Trainee]) -> float:
    firsts = [t.first_screen for t in trainees if t.first_screen is not None]
    keys = [k for t in trainees for k in t.keys]
    done = sum(t.done for t in trainees)
    print(f"{name}: completed {done}/{len(trainees)}")
    if firsts:
        print(f"  first screen: median {statistics.median(firsts):.2f} s, max {max(firsts):.2f} s")
    if keys:
        print(
            f"  key to screen update ({len(keys)} keys): median {statistics.median(keys) * 1000:.0f} ms, "
            f"p95 {p95(keys) * 1000:.0f} ms, max {max(keys) * 1000:.0f} ms"
        )
    errors = Counter(t.error[:120] for t in trainees if t.error)
    for error, times in errors.most_common():
        print(f"  ! {times}x {error}")
    return p95(keys) if keys else float("nan")


def debriefed(folder: Path, scenario: str) -> str:
    from ethicsguide.cli.cmd_debrief import gather
    from ethicsguide.engine.debrief import group_debrief
    from ethicsguide.storage.library import load_library

    states, _problems = gather([str(folder)], folder)
    library = load_library()
    text = group_debrief(states, library.scenarios[scenario].scenario, library)
    return next(line for line in text.splitlines() if line.startswith("| Sessions counted"))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--gap", type=float, default=0.3)
    parser.add_argument("--scenario", default="trafficker-has-a-new-girl")
    parser.add_argument("--deadline", type=float, default=300.0)
    args = parser.parse_args()
    route = plan(args.scenario)
    load = Path("/proc/loadavg").read_text().split()[0]
    from tests.serve.conftest import free_port

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "training"
        port = free_port()
        server, token = start_server(folder, port, args.scenario)
        base = f"http://127.0.0.1:{port}"
        try:
            idle = memory(server.pid)
            pace = (READING, TYPING)
            solo = await asyncio.wait_for(room(base, token, route, 1, 0, pace), args.deadline)
            peak = [memory(server.pid)]
            stop = asyncio.Event()
            served: dict[int, float] = {}
            served_before = cpu_seconds(server.pid, served)
            sampler = asyncio.create_task(sample(server.pid, peak, served, stop))
            start, cpu = time.monotonic(), time.process_time()
            group = await asyncio.wait_for(
                room(base, token, route, args.trainees, args.gap, pace), args.deadline
            )
            stop.set()
            await sampler
            took, cpu = time.monotonic() - start, time.process_time() - cpu
            serving = cpu_seconds(server.pid, served) - served_before
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        base_p95 = report("baseline, one trainee alone", solo)
        group_p95 = report(f"{args.trainees} trainees, {args.gap} s apart ({took:.0f} s)", group)
        print(f"  p95 ratio to the baseline: {group_p95 / base_p95:.1f}x")
        print(
            f"  serving used {serving:.1f} CPU-s in {took:.0f} s ({serving / took:.2f} cores on "
            f"average); these clients used {cpu:.1f} CPU-s of the same cores"
        )
        print(f"  machine load average when it started: {load}")
        rss, pss, procs = peak[0]
        print(
            f"memory at peak ({procs} processes): RSS {rss / 2**20:.0f} MB summed, PSS {pss / 2**20:.0f} MB; "
            f"idle server + worker: RSS {idle[0] / 2**20:.0f} MB"
        )
        per = (pss - idle[1]) / max(1, args.trainees)
        print(
            f"  per trainee: {per / 2**20:.1f} MB (PSS), {(rss - idle[0]) / max(1, args.trainees) / 2**20:.1f} MB (RSS)"
        )
        print(f"group debrief: {debriefed(folder, args.scenario)}")


if __name__ == "__main__":
    asyncio.run(main())
