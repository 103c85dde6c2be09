"""The translation memory: the database and its migrations, units, the fuzzy-match index,
matching, concordance and the two-process import pipeline. Uses :mod:`tm.text` only.
"""
