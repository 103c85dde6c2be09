"""Chinese-English translation memory: segmenting, aligning, storing, matching, TMX/XLIFF."""

__version__ = "0.1.0"
