#!/usr/bin/env python3
"""Identifier guard speed: one check of a reason box's text, as the app runs after each typing pause.

Target: under 2 ms per call for a 600-character reason (it runs on the UI thread). The
baseline, measured in the same run, is the cheapest guard imaginable: three plain regular
expressions (e-mail, US phone, SSN) over the same text. Also printed: the one-time cost of
the first call that needs ``phonenumbers`` (its import), which start-up never pays.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ethicsguide.engine.identifiers import find_identifiers
from tests.engine.test_identifier_table import CASES

NAIVE = [
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"\(?\d{3}\)?[-. ]?\d{3}[-. ]\d{4}"),
    re.compile(r"\d{3}-\d{2}-\d{4}"),
]
CLEAN = (
    "She said she would think about it over the weekend and call back on Monday. "
    "I explained the limits of confidentiality under 42 CFR Part 2 and what the Hotline does. "
)
DIRTY = "Her cousin María García gave me +52 55 1234 5678 and A# 123-456-789 at the clinic. "


def naive(text: str) -> list[str]:
    return [m.group() for pattern in NAIVE for m in pattern.finditer(text)]


def per_call(fn: Callable[[str], object], texts: list[str]) -> float:
    samples = []
    for _ in range(7):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        samples.append((time.perf_counter() - start) / len(texts))
    return statistics.median(samples)


def first_phone_check() -> float:
    start = time.perf_counter()
    find_identifiers("call 555 201 3344")
    return time.perf_counter() - start


IMPORT_COST = """
import re, dataclasses, ipaddress, typing, functools, time  # already loaded in the app
start = time.perf_counter()
import ethicsguide.engine.identifiers
print(time.perf_counter() - start)
"""
AT_START = """
import sys
import ethicsguide.tui.app
print(any(m in sys.modules for m in ("phonenumbers", "ethicsguide.engine.identifiers")))
"""


def in_fresh_python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def main() -> None:
    at_start = in_fresh_python(AT_START)
    imports = sorted(float(in_fresh_python(IMPORT_COST)) for _ in range(3))[1]
    print(f"guard or phonenumbers loaded by app start-up: {'YES' if at_start == 'True' else 'no'}")
    print(f"guard import, paid by the first check         {imports * 1000:8.2f} ms, once per run")
    loaded = "phonenumbers" in sys.modules
    cold = first_phone_check()
    rows = [
        ("table sentences (avg 50 chars)", [c.text for c in CASES]),
        ("clean reason, 600 chars", [(CLEAN * 4)[:600]]),
        ("reason with identifiers, 600 chars", [(CLEAN + DIRTY) * 2]),
        ("long note, 6,000 chars", [(CLEAN * 3 + DIRTY) * 12]),
    ]
    print(f"phonenumbers loaded before the first phone check: {'yes' if loaded else 'no'}")
    print(f"first phone check (imports phonenumbers)  {cold * 1000:8.2f} ms, once per run")
    for label, texts in rows:
        ours, base = per_call(find_identifiers, texts), per_call(naive, texts)
        verdict = (
            "" if "600" not in label else f"   target < 2 ms: {'yes' if ours < 0.002 else 'NO'}"
        )
        print(f"{label:38} {ours * 1000:8.3f} ms{verdict}")
        print(f"{'  naive 3-regex baseline':38} {base * 1000:8.3f} ms   ratio {ours / base:.1f}x")


if __name__ == "__main__":
    main()
