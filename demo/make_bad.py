"""Build demo/bad/: inputs veille must turn into rejects (with a reason), never records.

Deterministic (fixed random seed, gzip without a timestamp), so re-running reproduces the
committed files byte for byte:

    .venv/bin/python demo/make_bad.py
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

BAD = Path(__file__).resolve().parent / "bad"
#: Fixed seed: the random bytes are the same on every run.
SEED = 20240712
RANDOM_SIZE = 4096
#: How much of the compressed page the truncated gzip keeps (the rest, and the trailer, are cut).
TRUNCATED_KEEP = 0.5

PAGE = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page coupée</title></head>'
    "<body><article><h1>Page coupée</h1>"
    + "".join(
        f"<p>Paragraphe {n} d’un article inventé dont le fichier compressé a été coupé en cours de "
        f"téléchargement : le lecteur doit le rejeter au lieu d’en garder un morceau.</p>"
        for n in range(1, 40)
    )
    + "</article></body></html>"
)


def build(bad: Path = BAD) -> list[Path]:
    bad.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    empty = bad / "empty.html"
    empty.write_bytes(b"")
    written.append(empty)

    rng = random.Random(SEED)
    noise = bad / "random-bytes.html"  # an HTML name on binary content: the name must not be trusted
    noise.write_bytes(bytes(rng.randrange(256) for _ in range(RANDOM_SIZE)))
    written.append(noise)

    packed = gzip.compress(PAGE.encode("utf-8"), compresslevel=9, mtime=0)
    truncated = bad / "truncated.html.gz"
    truncated.write_bytes(packed[: int(len(packed) * TRUNCATED_KEEP)])
    written.append(truncated)

    broken = bad / "broken.jsonl"
    lines = [
        '{"url": "https://exemple.fr/a", "html": "<p>ligne coupée',  # not valid JSON
        json.dumps({"url": "https://exemple.fr/b", "fetched_at": "2024-07-01T00:00:00Z"}),  # no page
    ]
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    written.append(broken)
    return written


if __name__ == "__main__":
    build()
