"""Term extraction from aligned units: Chinese candidates (``zh``), English terms (``en``),
pairing a term with its rendering (``pairing``, ``lexicon``), and the extractor (``extractor``).
"""
