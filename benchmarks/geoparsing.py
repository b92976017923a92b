"""Geoparsing accuracy on GeoWebNews and TR-News: prints a table.

    .venv/bin/python benchmarks/geoparsing.py [--data ../shared/benchmarks/geoparsing]
                                              [--limit N] [--split dev|held-out|all]

Two modes, as the literature reports them:
  gold  resolution given the gold toponym spans (every span with a GeoNames id);
  e2e   end to end from raw text: toponym precision/recall against the gold spans (any
        character overlap), then resolution of the gold toponyms that were found.
Metrics: acc@161 (share of gold toponyms resolved within 161 km; in e2e, of all gold toponyms,
so a missed toponym counts as wrong), exact GeoNames id match, near (a city given where the gold
is its same-named division or the other way round), mean error km and AUC (Gritta et al.:
area under the sorted log(1+km) curve over log(20039)·(N-1); 0 best) over the resolved ones, a
toponym with no candidate counting 20,039 km in gold mode. docs/s: resolution only in gold
mode; spaCy parse + places annotator in e2e. A gold name the gazetteer lacks (a church, a
district) is placed at the town named around it, as the annotator does: it counts as found,
never as exact, and a line after the table says how many there were.

Splits: documents with an even index (0, 2, 4 ... in file order) are the dev split, where errors
were looked at and the curated table grown; odd ones are held out and were only scored.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from eventwire import nlp
from eventwire.geo.gazetteer import Candidate, Gazetteer, distance_km, get_gazetteer
from eventwire.geo.mentions import Mention, candidates_for
from eventwire.geo.normalize import name_key
from eventwire.geo.places import annotate_places
from eventwire.geo.resolve import resolve
from eventwire.model import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "geoparsing"
EARTH_HALF_CIRCUMFERENCE_KM = 20039.0


@dataclass(slots=True)
class Gold:
    start: int
    end: int
    phrase: str
    geonames_id: int
    lat: float
    lon: float
    kind: str


@dataclass(slots=True)
class Doc:
    index: int
    text: str
    gold: list[Gold]
    toponym_spans: list[tuple[int, int]] = field(default_factory=list)


def _realign(text: str, phrase: str, start: int, end: int) -> tuple[int, int]:
    if text[start:end] == phrase:
        return start, end
    best = None
    for delta in range(0, 40):
        for s in (start + delta, start - delta):
            if s >= 0 and text[s : s + len(phrase)] == phrase:
                best = s
                break
        if best is not None:
            break
    return (best, best + len(phrase)) if best is not None else (start, end)


def load_gwn(path: Path) -> list[Doc]:
    docs = []
    for i, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        gold, spans = [], []
        for t in art.iter("toponym"):
            phrase = t.findtext("extractedName") or ""
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            start, end = _realign(text, phrase, start, end)
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if lat and lon:
                spans.append((start, end))
            gid = t.findtext("geonamesID")
            if gid and lat and lon:
                gold.append(
                    Gold(start, end, phrase, int(gid), float(lat), float(lon), t.findtext("type"))
                )
        docs.append(Doc(i, text, gold, spans))
    return docs


def load_trnews(path: Path) -> list[Doc]:
    docs = []
    for i, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        gold, spans = [], []
        for t in art.iter("toponym"):
            phrase = t.findtext("phrase") or ""
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            start, end = _realign(text, phrase, start, end)
            spans.append((start, end))
            tag = t.find("gaztag")
            if tag is None or not tag.get("geonameid"):
                continue
            kind = "Demonym" if name_key(phrase) != name_key(tag.findtext("name") or "") else ""
            gold.append(
                Gold(
                    start,
                    end,
                    phrase,
                    int(tag.get("geonameid") or 0),
                    float(tag.findtext("lat") or 0),
                    float(tag.findtext("lon") or 0),
                    kind,
                )
            )
        docs.append(Doc(i, text, gold, spans))
    return docs


@dataclass(slots=True)
class Score:
    gold: int = 0
    found: int = 0  # gold toponyms with a prediction (e2e) / a candidate (gold mode)
    predicted: int = 0
    predicted_ok: int = 0
    within161: int = 0
    exact: int = 0
    near: int = 0
    approx: int = 0  # gold mode: unknown names placed at the town named around them (no id)
    approx_ok: int = 0  # ... of those, within 161 km
    errors: list[float] = field(default_factory=list)
    seconds: float = 0.0
    docs: int = 0

    def add(self, other: Score) -> None:
        for name in (
            "gold",
            "found",
            "predicted",
            "predicted_ok",
            "within161",
            "exact",
            "near",
            "approx",
            "approx_ok",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors
        self.seconds += other.seconds
        self.docs += other.docs


def auc(errors: list[float]) -> float:
    if len(errors) < 2:
        return float("nan")
    ys = [math.log(1 + e) for e in sorted(errors)]
    area = sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))
    return area / (math.log(EARTH_HALF_CIRCUMFERENCE_KM) * (len(ys) - 1))


def _judge(score: Score, gold: Gold, cand: Candidate | None, gaz: Gazetteer) -> None:
    if cand is None:
        return
    km = distance_km(gold.lat, gold.lon, cand.lat, cand.lon)
    score.errors.append(km)
    score.within161 += km < 161
    if cand.geonames_id == gold.geonames_id:
        score.exact += 1
        return
    other = gaz.by_id(gold.geonames_id)
    if (
        other is not None
        and name_key(other.name) == name_key(cand.name)
        and (other.is_admin1 != cand.is_admin1)
    ):
        score.near += 1


def score_gold(doc: Doc, gaz: Gazetteer) -> Score:
    score = Score(gold=len(doc.gold), docs=1)
    t0 = time.perf_counter()
    mentions = []
    for g in doc.gold:
        cands, demonym = candidates_for(g.phrase, gaz)
        mentions.append(Mention(g.start, g.end, g.phrase, "ner", demonym, cands))
    resolutions = resolve(mentions, doc.text)
    score.seconds = time.perf_counter() - t0
    by_span = {(r.mention.start, r.mention.end): r for r in resolutions}
    for g in doc.gold:
        r = by_span.get((g.start, g.end))
        if r is None or r.candidate is None:
            score.errors.append(EARTH_HALF_CIRCUMFERENCE_KM)
            continue
        score.found += 1
        _judge(score, g, r.candidate, gaz)
        if r.candidate.is_approximate:
            score.approx += 1
            score.approx_ok += distance_km(g.lat, g.lon, r.candidate.lat, r.candidate.lon) < 161
    return score


E2E_MISSES: list[str] = []
E2E_WRONG: list[str] = []
E2E_FALSE: list[str] = []
TIMINGS: list[str] = []
APPROX: list[str] = []


def score_e2e(docs: list[Doc], gaz: Gazetteer) -> list[Score]:
    model = nlp.load()
    t0 = time.perf_counter()
    parsed = list(model.pipe((d.text for d in docs), batch_size=16))
    parse_seconds = (time.perf_counter() - t0) / max(len(docs), 1)
    scores = []
    annotate_total = 0.0
    for doc, sdoc in zip(docs, parsed, strict=True):
        score = Score(gold=len(doc.gold), docs=1)
        article = Article(id=str(doc.index), uri="", text=doc.text)
        t1 = time.perf_counter()
        places = annotate_places(sdoc, article)
        annotate_total += time.perf_counter() - t1
        score.seconds = parse_seconds + time.perf_counter() - t1
        predicted: list[tuple[int, int, Candidate | None]] = []
        for p in places:
            cand = None
            if p.geonames_id is not None or p.lat is not None:
                cand = Candidate(
                    p.geonames_id,
                    p.name,
                    p.lat or 0.0,
                    p.lon or 0.0,
                    p.feature or "",
                    p.country,
                    p.admin1,
                    None,
                    0,
                    0,
                )
            predicted += [(s, e, cand) for s, e in p.mentions]
        score.predicted = len(predicted)
        score.predicted_ok = 0
        for s, e, _ in predicted:
            if any(s < ge and gs < e for gs, ge in doc.toponym_spans):
                score.predicted_ok += 1
            elif doc.index % 2 == 0:
                E2E_FALSE.append(repr(doc.text[s:e]))
        for g in doc.gold:
            hit = [c for s, e, c in predicted if s < g.end and g.start < e]
            if not hit:
                if doc.index % 2 == 0:  # dev split only
                    E2E_MISSES.append(f"{g.phrase!r} ({g.kind})")
                continue
            if doc.index % 2 == 0 and hit[0] is not None:
                km = distance_km(g.lat, g.lon, hit[0].lat, hit[0].lon)
                if km >= 161:
                    got = hit[0]
                    E2E_WRONG.append(
                        f"{g.phrase!r} gold={g.geonames_id} -> {got.name} {got.geonames_id} "
                        f"{got.feature} {got.country} km={round(km)}"
                    )
            score.found += 1
            if hit[0] is not None:
                _judge(score, g, _with_feature(hit[0], gaz), gaz)
        scores.append(score)
    per_doc_ms = annotate_total / max(len(docs), 1) * 1000
    TIMINGS.append(
        f"spaCy parse {parse_seconds * 1000:.1f} ms/doc, places annotator {per_doc_ms:.1f} ms/doc "
        f"({per_doc_ms / (parse_seconds * 1000) * 100:.0f}% of the parse)"
    )
    return scores


def _with_feature(cand: Candidate, gaz: Gazetteer) -> Candidate:
    return cand


def _row(name: str, s: Score, e2e: bool) -> str:
    def pct(n: int, d: int) -> str:
        return f"{n / d:.3f}" if d else "  -  "

    mean = sum(s.errors) / len(s.errors) if s.errors else float("nan")
    dps = s.docs / s.seconds if s.seconds else float("nan")
    prf = (
        f"{pct(s.predicted_ok, s.predicted)} {pct(s.found, s.gold)}"
        if e2e
        else f"{'':5} {pct(s.found, s.gold)}"
    )
    return (
        f"| {name:<24} | {s.gold:5d} | {prf.split()[0] if e2e else '  -  '} | "
        f"{pct(s.found, s.gold)} | {pct(s.within161, s.gold)} | {pct(s.exact, s.gold)} | "
        f"{pct(s.near, s.gold)} | {mean:7.0f} | {auc(s.errors):.3f} | {dps:7.1f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="documents per set (0: all)")
    parser.add_argument("--mode", choices=("gold", "e2e", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="print N dev-split errors")
    args = parser.parse_args(argv)
    sets = {
        "GeoWebNews": (args.data / "geowebnews" / "GWN.xml", load_gwn),
        "TR-News": (args.data / "tr-news" / "TR-News.xml", load_trnews),
    }
    missing = [str(p) for p, _ in sets.values() if not p.is_file()]
    if missing:
        print(f"benchmark data not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    gaz = get_gazetteer()
    print(
        "| set / split (mode)       | gold  | P     | R     | acc161| exact | near  | mean km"
        " | AUC   | docs/s  |"
    )
    print("|" + "---|" * 10)
    for set_name, (path, loader) in sets.items():
        docs = loader(path)
        if args.limit:
            docs = docs[: args.limit]
        modes = ("gold", "e2e") if args.mode == "both" else (args.mode,)
        for mode in modes:
            per_doc = [score_gold(d, gaz) for d in docs] if mode == "gold" else score_e2e(docs, gaz)
            if mode == "gold":
                approx = Score()
                for s in per_doc:
                    approx.add(s)
                APPROX.append(
                    f"{set_name} gold: {approx.approx} of {approx.gold} toponyms placed at the "
                    f"town named around them (name not in the gazetteer), {approx.approx_ok} of "
                    "those within 161 km"
                )
            for split, keep in (
                ("dev", lambda i: i % 2 == 0),
                ("held-out", lambda i: i % 2 == 1),
                ("all", lambda i: True),
            ):
                total = Score()
                for d, s in zip(docs, per_doc, strict=True):
                    if keep(d.index):
                        total.add(s)
                print(_row(f"{set_name} {split} ({mode})", total, mode == "e2e"))
            if args.errors and mode == "gold":
                _print_errors(docs, gaz, mode, args.errors)
            if args.errors and mode == "e2e":
                for line in [*E2E_MISSES, "--- wrong", *E2E_WRONG, "--- false", *E2E_FALSE]:
                    print("  e2e " + line, file=sys.stderr)
                E2E_MISSES.clear()
                E2E_WRONG.clear()
                E2E_FALSE.clear()
    for line in APPROX:
        print(line)
    for set_name, line in zip(
        [n for n in sets for _ in range(args.mode in ("e2e", "both"))], TIMINGS, strict=False
    ):
        print(f"{set_name} e2e timing: {line}")
    return 0


def _print_errors(docs: list[Doc], gaz: Gazetteer, mode: str, limit: int) -> None:
    # Only the dev split: the held-out half is never inspected.
    shown = 0
    for d in docs:
        if d.index % 2 or shown >= limit:
            continue
        mentions = []
        for g in d.gold:
            cands, demonym = candidates_for(g.phrase, gaz)
            mentions.append(Mention(g.start, g.end, g.phrase, "ner", demonym, cands))
        by_span = {(r.mention.start, r.mention.end): r for r in resolve(mentions, d.text)}
        for g in d.gold:
            r = by_span[(g.start, g.end)]
            c = r.candidate
            km = distance_km(g.lat, g.lon, c.lat, c.lon) if c else None
            if km is None or km >= 161:
                shown += 1
                print(
                    f"  doc {d.index} {g.phrase!r} gold={g.geonames_id} ({g.kind}) -> "
                    f"{c.name if c else None} {c.geonames_id if c else ''} "
                    f"{c.feature if c else ''} {c.country if c else ''} km={km and round(km)}",
                    file=sys.stderr,
                )
    del mode


if __name__ == "__main__":
    raise SystemExit(main())
