"""Load benchmark of the analyst's desk: ingest real articles, serve them, drive the API from loopback.

1. Writes N OrangeSum articles (`../shared/corpus/orangesum-fr/parsed_all.jsonl.gz`) as JSONL
   text pages (`url`, `text` = title, abstract and body) into a work folder outside the repo.
2. Ingests them with `veille.api.ingest` (`--stages fast`: the default stage list without the
   spaCy entity stages, too slow for 20,000 articles on two cores). While no relation stage is in
   the default list yet, `--annotate auto` adds `BenchAnnotator`, a bench-only stage that draws
   relations and money facts between the entities of one sentence (trigger words pick the type),
   and, when no recogniser ran, first marks ~70 well-known names and capitalised name runs. The
   store then has the shape the desk queries (entities, mentions, relations and facts with real
   evidence sentences). Its output is load, not knowledge.
3. Starts `veille.serve.app.run` in a child process on 127.0.0.1, waits for it, then sends a
   bounded number of requests per endpoint from `--concurrency` loopback clients and reports
   p50/p95/p99 latency per endpoint. Every loop is bounded in count and time; the server is
   stopped at the end.

    PYTHONPATH=src .venv/bin/python bench/serve_load.py --articles 20000 --json bench/results/serve_load.json

Only loopback addresses are ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VEILLE_SHARED", REPO.parent / "shared")).resolve()
CORPUS = SHARED / "corpus" / "orangesum-fr" / "parsed_all.jsonl.gz"

sys.path.insert(0, str(REPO / "src"))

from veille.doc import Doc, Entity, Fact, Relation, Span  # noqa: E402
from veille.pipeline import Stage  # noqa: E402

#: Names the bench annotator marks: (id, name, type, surface forms).
GAZETTEER: tuple[tuple[str, str, str, tuple[str, ...]], ...] = tuple(
    (f"{kind.lower()}:{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}", name, kind, forms or (name,))
    for name, kind, forms in [
        ("Orange", "ORG", ()),
        ("SFR", "ORG", ()),
        ("Bouygues", "ORG", ("Bouygues",)),
        ("Free", "ORG", ()),
        ("Renault", "ORG", ()),
        ("Nissan", "ORG", ()),
        ("Peugeot", "ORG", ("Peugeot", "PSA")),
        ("Airbus", "ORG", ()),
        ("Boeing", "ORG", ()),
        ("SNCF", "ORG", ()),
        ("EDF", "ORG", ()),
        ("Total", "ORG", ()),
        ("Air France", "ORG", ()),
        ("Carrefour", "ORG", ()),
        ("Sanofi", "ORG", ()),
        ("Google", "ORG", ()),
        ("Facebook", "ORG", ()),
        ("Apple", "ORG", ()),
        ("Amazon", "ORG", ()),
        ("Twitter", "ORG", ()),
        ("Tesla", "ORG", ()),
        ("Netflix", "ORG", ()),
        ("Microsoft", "ORG", ()),
        ("Huawei", "ORG", ()),
        ("Volkswagen", "ORG", ()),
        ("Toyota", "ORG", ()),
        ("Uber", "ORG", ()),
        ("Michelin", "ORG", ()),
        ("Danone", "ORG", ()),
        ("LVMH", "ORG", ()),
        ("BNP Paribas", "ORG", ()),
        ("Société Générale", "ORG", ()),
        ("Engie", "ORG", ()),
        ("Alstom", "ORG", ()),
        ("Fiat", "ORG", ()),
        ("Ford", "ORG", ()),
        ("Ryanair", "ORG", ()),
        ("Vivendi", "ORG", ()),
        ("Canal+", "ORG", ()),
        ("TF1", "ORG", ()),
        ("M6", "ORG", ()),
        ("Arcep", "ORG", ()),
        ("Commission européenne", "ORG", ()),
        ("OMS", "ORG", ()),
        ("Emmanuel Macron", "PER", ("Emmanuel Macron", "Macron")),
        ("Edouard Philippe", "PER", ("Edouard Philippe", "Édouard Philippe")),
        ("Bruno Le Maire", "PER", ()),
        ("Marine Le Pen", "PER", ()),
        ("Jean-Luc Mélenchon", "PER", ()),
        ("Donald Trump", "PER", ("Donald Trump", "Trump")),
        ("Angela Merkel", "PER", ()),
        ("Elon Musk", "PER", ()),
        ("Carlos Ghosn", "PER", ()),
        ("Nicolas Sarkozy", "PER", ()),
        ("François Hollande", "PER", ()),
        ("Xavier Niel", "PER", ()),
        ("Stéphane Richard", "PER", ()),
        ("Martin Bouygues", "PER", ()),
        ("Patrick Drahi", "PER", ()),
        ("Carlos Tavares", "PER", ()),
        ("Paris", "LOC", ()),
        ("Lyon", "LOC", ()),
        ("Marseille", "LOC", ()),
        ("Bretagne", "LOC", ()),
        ("Chine", "LOC", ()),
        ("États-Unis", "LOC", ("États-Unis", "Etats-Unis")),
        ("Allemagne", "LOC", ()),
        ("Royaume-Uni", "LOC", ()),
        ("Italie", "LOC", ()),
    ]
)
#: Trigger words -> relation type, for two organisations named in one sentence.
ORG_TRIGGERS: tuple[tuple[str, str], ...] = (
    (r"rach[eè]t|acqui[ès]|acquisition|rachat", "acquisition"),
    (r"partenariat|alliance|s'allie|accord", "partnership"),
    (r"concurren|rival", "competition"),
    (r"fusion", "merger"),
    (r"filiale", "subsidiary"),
    (r"cède|cession|vend", "divestment"),
    (r"plainte|procès|attaque en justice", "lawsuit"),
)
#: Capitalised word runs ("Jean Dupont", "Crédit Agricole") become MISC entities: they give the store
#: the long tail of names (thousands of entities, most in one or two articles) a real linker makes.
NAME_RUN = re.compile(r"(?<=[a-zà-ÿ,;:] )([A-ZÉÈ][a-zà-ÿ]+(?:[ -][A-ZÉÈ][a-zà-ÿ]+){1,2})")
#: Relation types cycled through for two organisations in one sentence with no trigger word.
FALLBACK_TYPES: tuple[str, ...] = ("partnership", "competition")
ROLE_TRIGGER = re.compile(r"\b(patron|PDG|directeur|directrice|président|présidente|fondateur|ministre)\b")
MONEY = re.compile(r"(\d+(?:,\d+)?)\s*(millions?|milliards?)\s+d'euros")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


class BenchAnnotator(Stage):
    """Bench-only stand-in for entity, relation and fact stages (see the module docstring)."""

    name = "bench.annotator.v1"
    requires = ("text",)
    assigns = ("entities", "relations", "facts")

    def __init__(self) -> None:
        super().__init__()
        self._patterns = [
            (entity_id, name, kind, re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)"))
            for entity_id, name, kind, forms in GAZETTEER
        ]
        self._triggers = [(re.compile(p, re.IGNORECASE), kind) for p, kind in ORG_TRIGGERS]

    def process(self, doc: Doc) -> Doc:
        text = doc.text
        if doc.entities:  # a real recogniser and linker ran: draw relations between their entities
            found = {entity.id: entity for entity in doc.entities}
            kinds = {entity.id: str(entity.type) for entity in doc.entities}
        else:
            found, kinds = self._entities(text)
            doc.entities = list(found.values())
        for match in SENTENCE.finditer(text):
            self._sentence(doc, Span(match.start(), match.end()), match.group(0), found, kinds)
        return doc

    def _entities(self, text: str) -> tuple[dict[str, Entity], dict[str, str]]:
        found: dict[str, Entity] = {}
        kinds: dict[str, str] = {}
        for entity_id, name, kind, pattern in self._patterns:
            spans = [Span(m.start(), m.end()) for m in pattern.finditer(text)]
            if spans:
                found[entity_id] = Entity(entity_id, name, kind, [], spans)  # type: ignore[arg-type]
                kinds[entity_id] = kind
        for match in NAME_RUN.finditer(text):
            entity_id = "misc:" + re.sub(r"[^a-z0-9]+", "-", match.group(1).lower()).strip("-")
            if entity_id not in found:
                found[entity_id] = Entity(entity_id, match.group(1), "MISC", [], [])
                kinds[entity_id] = "MISC"
            found[entity_id].mentions.append(Span(match.start(1), match.end(1)))
        return found, kinds

    def _sentence(
        self, doc: Doc, span: Span, sentence: str, found: dict[str, Entity], kinds: dict[str, str]
    ) -> None:
        inside = [
            eid
            for eid, entity in found.items()
            if any(span.start <= m.start < span.end for m in entity.mentions)
        ]
        orgs = [eid for eid in inside if kinds[eid] in ("ORG", "MISC")]
        people = [eid for eid in inside if kinds[eid] == "PER"]
        if len(orgs) >= 2:
            kind = next((k for p, k in self._triggers if p.search(sentence)), None)
            confidence = 0.6 + 0.05 * (len(sentence) % 7) if kind else 0.3 + 0.05 * (len(sentence) % 5)
            kind = kind or FALLBACK_TYPES[len(sentence) % len(FALLBACK_TYPES)]
            doc.relations.append(Relation(kind, orgs[0], orgs[1], span, confidence))
        if people and orgs:
            role = ROLE_TRIGGER.search(sentence)
            title = {"title": role.group(1)} if role else {}
            doc.relations.append(Relation("role", people[0], orgs[0], span, 0.7 if role else 0.4, title))
        money = MONEY.search(sentence)
        if money and orgs:
            scale = 1e9 if money.group(2).startswith("milliard") else 1e6
            value = float(money.group(1).replace(",", ".")) * scale
            doc.facts.append(Fact("deal_value", orgs[0], value, "EUR", span, 0.6))


def write_pages(limit: int, out: Path) -> int:
    """The first `limit` distinct OrangeSum articles as JSONL text pages; return how many.

    Each page is the title, a visible dateline from the corpus's `date` ("Publié le 02/07/2020",
    which the metadata stage reads), the abstract and the body. Articles whose text repeats an
    earlier one (the corpus has some) are skipped: they would be the same document.
    """
    seen: set[str] = set()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if len(seen) >= limit:
                break
            item = json.loads(line)
            body = "\n\n".join(part for part in (item.get("heading"), item.get("article")) if part)
            if not body or body in seen:
                continue
            seen.add(body)
            date = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", item.get("date") or "")
            dateline = f"Publié le {date[3]}/{date[2]}/{date[1]}" if date else ""
            text = "\n\n".join(part for part in (item.get("title"), dateline, body) if part)
            dst.write(json.dumps({"url": item.get("url"), "text": text}, ensure_ascii=False) + "\n")
    return len(seen)


def ingest(pages: Path, db: Path, annotate: str, stage_list: str) -> dict[str, Any]:
    from veille import api

    stages = api.default_stages()
    if stage_list == "fast":  # cleaning and metadata only; the annotator marks the entities
        stages = [s for s in stages if not {"mentions", "entities"} & set(s.assigns)]
    has_relations = any("relations" in stage.assigns for stage in stages)
    if annotate == "yes" or (annotate == "auto" and not has_relations):
        stages.append(BenchAnnotator())
    started = time.perf_counter()
    report = api.ingest([str(pages)], db=db, pipeline=api.build_pipeline(stages))
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "added": report.added,
        "stages": [stage.name for stage in stages],
        "stats": {k: v for k, v in api.stats(db).items() if not isinstance(v, dict)},
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    db: Path, port: int, timeout: float, cache_entries: int | None
) -> tuple[subprocess.Popen[bytes], float]:
    cache = "" if cache_entries is None else f", cache_entries={int(cache_entries)}"
    code = f"from veille.serve.app import run; run({str(db)!r}, host='127.0.0.1', port={port}{cache})"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    import httpx

    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return proc, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("server did not answer in time")


#: Search words: frequent news words, names and phrases of the corpus's years.
QUERIES: tuple[str, ...] = (
    "gouvernement",
    "Macron",
    "coronavirus",
    "Renault",
    "grève",
    "élection présidentielle",
    "police",
    "réforme des retraites",
    "Orange",
    "Airbus",
    "vaccin",
    "chômage",
    "incendie",
    "Trump",
    "Bretagne",
    '"gilets jaunes"',
    "SNCF",
    "impôts",
    "football",
    "climat",
    "Tesla",
    "fibre optique",
    "Apple",
    "hôpital",
    "confinement",
    "pollution",
    "prix de l'essence",
    "Facebook",
    "Carlos Ghosn",
    "Peugeot",
)


async def drive(
    base: str, plan: list[tuple[str, str]], concurrency: int, deadline: float
) -> dict[str, list[float]]:
    import httpx

    latencies: dict[str, list[float]] = {}
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)
    errors: dict[str, int] = {}

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty() and time.perf_counter() < deadline:
            kind, url = queue.get_nowait()
            started = time.perf_counter()
            response = await client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                errors[kind] = errors.get(kind, 0) + 1
            latencies.setdefault(kind, []).append(elapsed)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    if errors:
        latencies["errors"] = [float(n) for n in errors.values()]
        print("non-200 answers:", errors, file=sys.stderr)
    return latencies


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) the process has used so far, from /proc; None where there is none.

    With the client on the same machine, latency alone cannot tell a slow request from a queue:
    CPU per request says what each one costs the server.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def build_plan(base: str, requests: int, seed: int) -> list[tuple[str, str]]:
    from urllib.parse import quote

    import httpx

    rng = random.Random(seed)
    top = httpx.get(f"{base}/api/entities", params={"limit": 200}, timeout=30).json()["items"]
    docs = httpx.get(f"{base}/api/documents", params={"limit": 500}, timeout=30).json()["items"]
    plan: list[tuple[str, str]] = []
    for _ in range(requests):
        q = rng.choice(QUERIES)
        plan.append(("search", f"/api/search?q={quote(q)}"))
        if top:
            entity = quote(rng.choice(top)["id"], safe=":")
            plan.append(("entity_profile", f"/api/entities/{entity}"))
            plan.append(("entity_graph", f"/api/entities/{entity}/graph"))
            plan.append(("entity_search", f"/api/entities?q={quote(q[:4])}"))
        if docs:
            plan.append(("document", f"/api/documents/{rng.choice(docs)['id']}"))
    rng.shuffle(plan)
    return plan


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument(
        "--workdir", type=Path, help="keep the pages and the store here (default: a temp dir)"
    )
    parser.add_argument("--annotate", choices=["auto", "yes", "no"], default="auto")
    parser.add_argument(
        "--stages",
        choices=["fast", "default"],
        default="fast",
        help="fast: the default list without the spaCy entity stages (too slow for 20,000 articles "
        "on two cores), the annotator marks entities; default: every default stage",
    )
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=300, help="stop sending after this long")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--cache-entries",
        type=int,
        help="answers the server keeps until the store changes (default: the server's; 0: none, "
        "so every request is computed)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="veille-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        pages, db = work / "pages.jsonl", work / "bench.duckdb"
        result: dict[str, Any] = {
            "articles": args.articles,
            "concurrency": args.concurrency,
            "cpus": os.cpu_count(),
            "load_average_before": os.getloadavg(),
        }
        if not db.exists():
            result["pages"] = write_pages(args.articles, pages)
            result["ingest"] = ingest(pages, db, args.annotate, args.stages)
            print("ingest:", json.dumps(result["ingest"], ensure_ascii=False), file=sys.stderr)
        port = free_port()
        proc, startup = start_server(db, port, timeout=600, cache_entries=args.cache_entries)
        result["cache_entries"] = args.cache_entries
        result["server_start_seconds"] = round(startup, 1)
        try:
            base = f"http://127.0.0.1:{port}"
            plan = build_plan(base, args.requests, args.seed)
            warm = plan[: min(50, len(plan))]
            asyncio.run(drive(base, warm, args.concurrency, time.perf_counter() + 60))
            cpu_before = cpu_seconds(proc.pid)
            started = time.perf_counter()
            latencies = asyncio.run(drive(base, plan, args.concurrency, started + args.max_seconds))
            result["seconds"] = round(time.perf_counter() - started, 1)
            cpu_after = cpu_seconds(proc.pid)
            sent = sum(len(v) for k, v in latencies.items() if k != "errors")
            if cpu_before is not None and cpu_after is not None and sent:
                result["server_cpu_ms_per_request"] = round((cpu_after - cpu_before) * 1000 / sent, 2)
            result["requests_per_second"] = round(sent / max(result["seconds"], 1e-9), 1)
            result["load_average_after"] = os.getloadavg()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        result["endpoints"] = {
            kind: {
                "n": len(values),
                "p50_ms": round(statistics.median(values), 1),
                "p95_ms": round(percentile(values, 0.95), 1),
                "p99_ms": round(percentile(values, 0.99), 1),
                "max_ms": round(max(values), 1),
            }
            for kind, values in sorted(latencies.items())
            if kind != "errors"
        }
        result["errors"] = int(sum(latencies.get("errors", [])))
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    p95 = [result["endpoints"][k]["p95_ms"] for k in ("search", "entity_profile") if k in result["endpoints"]]
    return 0 if p95 and max(p95) < 100 and not result["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
