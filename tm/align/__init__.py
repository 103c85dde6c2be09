"""Sentence alignment of a Chinese document and its English translation.

``aligner`` is the entry point (:func:`tm.align.aligner.align_texts`); ``features`` (sentence
evidence), ``model`` (bead scores, confidence), ``band`` (search bands), ``search`` (the DP)
and ``evaluate`` (strict/lax P/R/F1) are its parts. Uses only :mod:`tm.text`.
"""
