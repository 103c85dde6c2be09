"""File formats, one module each behind :mod:`tm.formats.common`: TMX, XLIFF, TSV/CSV, plus
safe XML and text decoding. Readers yield and writers take :class:`tm.models.TranslationUnit`;
nothing here touches the database (that is :mod:`tm.exchange`).
"""
