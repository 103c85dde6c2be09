"""Session 32 (helper "render7"): renderings and the consistency report on documents of other
genres (a GB/T-style standard, a drug's package insert, an insurance policy's wording), for
general reasons of the pairing and the report.  Sentences written for the tests."""

from glossary.extract.cooccur import Cooccurrence


def test_a_phrase_of_the_memory_starts_with_no_clause_number():
    """A standard's definition "3.3 vehicle connector" took "3 vehicle" (its clause number's last
    digits and a word) for 车辆插头: read from the memory, the phrase with the number was found in
    that unit alone and so matched the term's units better than the translator's "vehicle
    connector", written again in a clause further on.  A bare number (a clause number, a count)
    opens no rendering."""
    memory = Cooccurrence(["3.3 vehicle connector", "5.4.1 The vehicle connector shall have a latching device.",
                           "3.4 vehicle inlet"])
    best = memory.best([0], prior=lambda key: 0.5 if "vehicl" in key else 0.0, min_dice=0.6)
    assert best is not None and best[0] == ("vehicl", "connector"), best
    assert not [key for key in memory.units_of if key[0].isdigit()]
