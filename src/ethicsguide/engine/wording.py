"""Counts in words: a number with its noun agreeing ("1 error", "2 errors")."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """ "1 inject", "3 injects", "0 injects": a count with its noun agreeing (nouns in -s only)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
