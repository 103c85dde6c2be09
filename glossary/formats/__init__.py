"""Term-base file formats: TBX 2008 / TBX-Basic v3 (``tbx``), CSV/TSV and OmegaT (``tabular``).
"""
