"""The term base: entries and renderings in the shared database (``store``), folding keys
(``keys``), lookup by Chinese/English/pinyin (``lookup``), and the consistency report
(``consistency``).
"""
