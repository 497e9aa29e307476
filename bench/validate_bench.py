#!/usr/bin/env python3
"""Validation and export benchmarks, each printed as a ratio against a baseline run alongside.

    python bench/validate_bench.py [--runs 3]

1. validate 10,000 nodes vs. parsing the same files with libyaml's CSafeLoader (whole processes);
   target: at most 3x.
2. validate 100,000 nodes vs. validate 10,000 nodes; target: at most 12x.
3. validate one tree with 2**40 distinct paths (with --stats, so the paths are counted);
   target: under 1 s (the bare-interpreter start-up is printed for scale).
4. export a 200-step session to Markdown; target: under 50 ms.
5. validate one 8,000-node tree with a warning on every node (each located in the file);
   target: under 2 s (was 52 s when locating was quadratic); parsing the same file with
   libyaml is printed beside it, as most of the time is that parse.
6. validate a 410 KB tree whose ``keywords`` repeat one anchor ~100,000 times (refused);
   target: under 2 s (``find`` once took 160 s and 12 GB on it).

Rows 1, 3 and 4 run twice: on format 1 trees, and on format 2 trees whose options set facts
and whose outcomes have `when` sections (``make_library.py --facts``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARSE_ONLY = (
    "import sys, yaml, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(p.read_text(), Loader=yaml.CSafeLoader)\n"
)


def timed(cmd: list[str], runs: int) -> float:
    """Median wall time of a whole process, in seconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def make(out: Path, *args: str) -> Path:
    subprocess.run([sys.executable, str(HERE / "make_library.py"), str(out), *args], check=True)
    return out


def alias_tree(out: Path, size: int = 410_000) -> Path:
    """A tree file whose keywords are a 4,000-character anchor and ~100,000 aliases of it."""
    out.mkdir(parents=True, exist_ok=True)
    head = (
        "format: 1\nid: bomb\ntitle: Bomb\ndomain: general\nsummary: Hostile.\n"
        'keywords: [&k "' + "k" * 4000 + '"'
    )
    body = ", *k" * ((size - len(head)) // 4)
    tail = "]\nstart: end\nnodes:\n  end: {outcome: End, guidance: Done.}\n"
    path = out / "bomb.yaml"
    path.write_text(head + body + tail)
    return path


def validate_cmd(path: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "ethicsguide", "validate", *extra, str(path)]


def export_200_steps(facts: bool = False) -> float:
    """Median time of ``export_markdown`` for a session with 200 answered steps (in process)."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from ethicsguide.engine.export import export_markdown
    from ethicsguide.engine.session import replay
    from ethicsguide.storage.library import load_library

    with tempfile.TemporaryDirectory() as tmp:
        lib_dir = make(Path(tmp) / "deep", "--wide-paths", "200", *(["--facts"] if facts else []))
        library = load_library([lib_dir], bundled=False)
        tree = library.trees["wide"].tree
        events = [
            {
                "type": "started",
                "at": "t",
                "session": "s",
                "tree": "wide",
                "version": 1,
                "hash": "h",
            }
        ]
        for i in range(200):
            events.append(
                {
                    "type": "chose",
                    "at": "t",
                    "tree": "wide",
                    "node": f"q{i}",
                    "option": i % 2,
                    "label": "Left" if i % 2 == 0 else "Right",
                    "sets": [f"{'left' if i % 2 == 0 else 'right'}-{i % 20}"] if facts else [],
                }
            )
            events.append(
                {"type": "reasoned", "at": "t", "text": f"Reason {i}, with *stars* and <tags>."}
            )
        events.append({"type": "reached", "at": "t", "tree": "wide", "node": "end"})
        state = replay(events)
        assert len(state.active) == 200 and tree.id == "wide"
        assert bool(state.facts) == facts
        samples = []
        for _ in range(15):
            start = time.perf_counter()
            export_markdown(state, library)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--skip-large", action="store_true", help="leave out the 100k-node row (a busy machine)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        lib10k = make(root / "lib10k", "--nodes", "10000")
        lib100k = None if args.skip_large else make(root / "lib100k", "--nodes", "100000")
        wide = make(root / "wide", "--wide-paths", "40")
        one8k = make(root / "one8k", "--one-tree", "--warnings", "--nodes", "8000")
        bomb = alias_tree(root / "bomb")
        facts10k = make(root / "facts10k", "--nodes", "10000", "--facts")
        wide_facts = make(root / "wide-facts", "--wide-paths", "40", "--facts")
        parse10k = timed([sys.executable, "-c", PARSE_ONLY, str(lib10k)], args.runs)
        val10k = timed(validate_cmd(lib10k), args.runs)
        val100k = timed(validate_cmd(lib100k), args.runs) if lib100k else float("nan")
        wide_t = timed(validate_cmd(wide, "--stats"), args.runs)
        one8k_t = timed(validate_cmd(one8k), args.runs)
        parse8k = timed([sys.executable, "-c", PARSE_ONLY, str(one8k)], args.runs)
        bomb_t = timed(validate_cmd(bomb), args.runs)
        parse_f = timed([sys.executable, "-c", PARSE_ONLY, str(facts10k)], args.runs)
        val_f = timed(validate_cmd(facts10k), args.runs)
        wide_f = timed(validate_cmd(wide_facts, "--stats"), args.runs)
        bare = timed([sys.executable, "-c", "pass"], args.runs)
    export_t = export_200_steps()
    export_f = export_200_steps(facts=True)
    rows = [
        (
            "validate 10k nodes / CSafeLoader parse 10k",
            val10k / parse10k,
            3.0,
            f"{val10k:.2f}s vs {parse10k:.2f}s",
        ),
        (
            "validate 100k nodes / validate 10k nodes",
            val100k / val10k,
            12.0,
            f"{val100k:.2f}s vs {val10k:.2f}s",
        ),
        ("validate 2^40-path tree, seconds", wide_t, 1.0, f"bare python start {bare:.2f}s"),
        ("export 200-step session, milliseconds", export_t * 1000, 50.0, ""),
        (
            "validate 8k-node tree, 8k warnings, seconds",
            one8k_t,
            2.0,
            f"CSafeLoader parse alone {parse8k:.2f}s ({one8k_t / parse8k:.2f}x)",
        ),
        ("refuse 410 KB alias tree, seconds", bomb_t, 2.0, f"bare start {bare:.2f}s"),
        (
            "format 2: validate 10k nodes / parse 10k",
            val_f / parse_f,
            3.0,
            f"{val_f:.2f}s vs {parse_f:.2f}s",
        ),
        ("format 2: validate 2^40-path tree, seconds", wide_f, 1.0, ""),
        ("format 2: export 200 steps with facts, ms", export_f * 1000, 50.0, ""),
    ]
    print(f"{'benchmark':<46} {'result':>8} {'target':>8}  ok   detail")
    for name, value, target, detail in rows:
        if value != value:  # NaN: the row was skipped
            print(f"{name:<46} {'skipped':>8} {target:>8.2f}")
            continue
        ok = "yes" if value <= target else "NO"
        print(f"{name:<46} {value:>8.2f} {target:>8.2f}  {ok:<4} {detail}")


if __name__ == "__main__":
    main()
