"""zhen-tm's translation memory: segmenting, aligning, storing, matching, exchanging.

This module is the public API. Every name below is loaded from its module on first use,
so ``import tm`` costs nothing at start-up. The layers, lowest first:

- ``tm.errors``, ``tm.models`` — the one error base and the dataclasses passed around;
- ``tm.text`` — Chinese and English text: CJK classes, width folding, numerals, numbers,
  the English stemmer, CC-CEDICT, sentence segmentation;
- ``tm.align`` — sentence alignment (uses ``tm.text``);
- ``tm.memory`` — the database, units, the fuzzy-match index, matching, concordance,
  editing by hand with an undoable history (``tm.memory.edit``);
- ``tm.formats`` — TMX, XLIFF, TSV/CSV readers and writers, Excel workbooks, text and XML
  decoding;
- ``tm.exchange`` — files in and out of the memory, reviewed XLIFF applied;
- ``tm.cli`` — the ``tm`` command.

``glossary`` uses ``tm`` only through these names.
"""

from importlib import import_module

__version__ = "0.1.0"

_API = {
    "tm.errors": ["ToolError", "InputError", "DatabaseError"],
    "tm.models": ["TranslationUnit", "Segment", "Match", "EN", "ZH", "Skipped"],
    "tm.clock": ["utc_now", "now_iso"],
    "tm.parallel": ["both", "can_fork", "two_cores"],
    "tm.cache": ["private_cache_dir", "kept"],
    "tm.text.zh": ["HAN", "SCRIPT_DIGITS", "has_han", "is_cjk", "to_halfwidth", "to_fullwidth", "parse_zh_numeral",
                   "char_width", "display_width", "curly_quotes"],
    "tm.text.lang": ["Evidence", "classify", "language_name", "normalise_tag", "side",
                     "is_traditional", "column_language", "column_tag", "column_side",
                     "zh_variety_tag"],
    "tm.text.variants": ["simplified_key", "has_traditional"],
    "tm.text.codes": ["inline_codes", "unbalanced_codes", "code_name", "display_codes",
                      "display_code_offset", "literal_codes", "text_placeholders"],
    "tm.text.numbers": ["extract_numbers", "normalise_value", "unit_after", "unit_names", "trie_pattern"],
    "tm.text.english": ["STOP_WORDS", "english_keys", "is_acronym", "may_hold_words", "stem"],
    "tm.text.cedict": ["Lexicon", "load_lexicon", "english_vocabulary", "places", "Places", "senses_beginning",
                       "derived"],
    "tm.text.negation": ["bounds", "changes", "comparisons", "conditions", "negation_rendered", "negations", "says_no",
                         "says_no_beyond_conditions"],
    "tm.text.modality": ["obligations", "permissions", "may_oblige", "may_permit"],
    "tm.text.segment": ["segment_zh", "segment_en"],
    "tm.text.safe": ["printable", "json_safe"],
    "tm.text.lookalike": ["fold", "fold_with_offsets", "mixed_script_words", "MixedWord"],
    "tm.align.aligner": ["align_texts", "cjk_ratio"],
    "tm.memory.db": ["open_database", "open_existing", "open_reader", "migrate", "transaction"],
    "tm.memory.pg": ["dialect"],
    "tm.memory.store": ["open_store", "store_alignment", "alignment_stats", "iter_units",
                        "units_by_id", "get_unit", "units_containing", "translations_of", "has_memory", "memory_state",
                        "import_units", "review_queue", "memory_stats", "STORE_MIGRATIONS",
                        "require_pair", "default_pair_name"],
    "tm.memory.edit": ["edit_unit", "merge_units", "split_unit", "unalign_unit", "move_sentence", "delete_units",
                       "mark_unit", "mark_units", "undo", "history", "resolve", "list_pairs",
                       "pair_units", "unit_detail", "Change", "PairInfo", "UnitDetail", "EditError"],
    "tm.memory.match": ["match"],
    "tm.memory.search": ["search"],
    "tm.formats.common": ["read_units", "write_units", "peek_text"],
    "tm.formats.documents": ["xml_root", "unwrapped", "Unwrapped"],
    "tm.formats.textio": ["read_text", "read_document", "decode_text", "read_bounded",
                           "open_binary"],
    "tm.formats.output": ["open_output", "write_output", "write_outputs", "check_output_path"],
    "tm.formats.tabular": ["neutralise", "unneutralise"],
    "tm.formats.xmlsafe": ["iterparse", "has_illegal"],
    "tm.formats.workbook": ["read_workbook", "write_workbook", "find_tables", "no_table", "in_sheet",
                            "sheet_place"],
    "tm.exchange": ["import_file", "export_units", "export_xliff_dir", "apply_review", "align_pair",
                    "prepare_pair", "store_pair", "PairAlignment"],
}
_WHERE = {name: module for module, names in _API.items() for name in names}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'tm' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
