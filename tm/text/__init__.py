"""Language layer: Chinese and English text data, numbers, CC-CEDICT, sentence segmentation.

Nothing here knows about alignment, the memory or files.
"""
