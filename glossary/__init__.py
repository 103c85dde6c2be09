"""Chinese-English term base: extraction, lookup, consistency checks, QA, TBX/CSV."""

__version__ = "0.1.0"
