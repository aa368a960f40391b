"""Geoparsing, end to end, on the dev corpora: recognition and resolution of every gold toponym.

Corpora (``../shared/external/geoparsing``): GeoWebNews (``GWN.xml``: gold toponyms with
coordinates; every annotated toponym counts toward precision except ``Non_Toponym``) and TR-News
(``TR-News.xml``: GeoNames coordinates). Each article is parsed with ``build_nlp()`` and its places
taken from :func:`newsprism.geocode.article_places`, the function the record's ``places`` come from.

Measures, per corpus and pooled:
- recall: gold toponyms (with coordinates) that a predicted place mention overlaps;
- precision: predicted place mentions that overlap a gold toponym annotation;
- resolution: found toponyms whose predicted point is within 161 km of the gold point;
- e2e (accuracy@161km end to end): correct / every gold toponym (a missed one counts as wrong).

Usage: python bench/geoparse.py [--shared ../shared] [--every N] [--ablate] [--heldout] [--json OUT]
  --ablate   also score with each feature of geocode.FEATURES switched off (one parse, re-resolved).
  --heldout  score GeoVirus (``GeoVirus.xml``, Wikipedia coordinates) instead: a held-out check,
             reported apart, never used to choose a rule or a weight.
It also prints the error classes: missed, unresolved, far:KIND (resolved >161 km away).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsprism.geocode import FEATURES, article_places, get_gazetteer, haversine_km, outlet_country  # noqa: E402


@dataclass
class Article:
    corpus: str
    text: str
    url: str | None
    gold: list[tuple[int, int, float, float]]  # toponyms with coordinates
    spans: list[tuple[int, int]] = field(default_factory=list)  # every toponym annotation (precision)


def load_gwn(path: Path) -> list[Article]:
    out = []
    for a in ET.parse(path).getroot().findall("article"):
        text = a.findtext("text") or ""
        gold, spans = [], []
        for t in a.find("toponyms").findall("toponym"):
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            if (t.findtext("type") or "") != "Non_Toponym":
                spans.append((s, e))
            lat = (t.findtext("latitude") or "").strip()
            if lat:
                gold.append((s, e, float(lat), float(t.findtext("longitude"))))
        out.append(Article("GWN", text, (a.findtext("link") or "").strip() or None, gold, spans))
    return out


def load_trnews(path: Path) -> list[Article]:
    out = []
    for a in ET.parse(path).getroot().findall("article"):
        text = a.findtext("text") or ""
        gold, spans = [], []
        for t in a.find("toponyms").findall("toponym"):
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            spans.append((s, e))
            g = t.find("gaztag")
            if g is not None and (g.findtext("lat") or "").strip():
                gold.append((s, e, float(g.findtext("lat")), float(g.findtext("lon"))))
        out.append(Article("TR-News", text, (a.findtext("url") or "").strip() or None, gold, spans))
    return out


def load_geovirus(path: Path) -> list[Article]:
    """GeoVirus (Wikinews disease reports, Wikipedia coordinates): a held-out check, never tuned on."""
    out = []
    for a in ET.parse(path).getroot().findall("article"):
        text = a.findtext("text") or ""
        gold, spans = [], []
        for t in a.find("locations").findall("location"):
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            spans.append((s, e))
            if (t.findtext("lat") or "").strip():
                gold.append((s, e, float(t.findtext("lat")), float(t.findtext("lon"))))
        out.append(Article("GeoVirus", text, (a.findtext("source") or "").strip() or None, gold, spans))
    return out


def error_classes(articles: list[Article], predictions: list[list]) -> dict[str, int]:
    """Why gold toponyms are wrong: ``missed`` (no predicted mention overlaps it), ``unresolved``
    (found, no place), ``far:KIND`` (found, resolved to a place of that kind more than 161 km away)."""
    out: dict[str, int] = {}
    for art, pred in zip(articles, predictions):
        for s, e, lat, lon in art.gold:
            hits = [m for m in pred if m.start < e and s < m.end]
            if not hits:
                key = "missed"
            else:
                p = max(hits, key=lambda m: min(e, m.end) - max(s, m.start)).place
                if p is None or p.lat is None:
                    key = "unresolved"
                elif haversine_km(lat, lon, p.lat, p.lon) > 161:
                    key = f"far:{p.kind}"
                else:
                    continue
            out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def score(articles: list[Article], predictions: list[list]) -> dict:
    n_gold = n_found = n_ok = n_pred = n_pred_ok = 0
    for art, pred in zip(articles, predictions):
        n_pred += len(pred)
        n_pred_ok += sum(1 for m in pred if any(m.start < e and s < m.end for s, e in art.spans))
        for s, e, lat, lon in art.gold:
            n_gold += 1
            hits = [m for m in pred if m.start < e and s < m.end]
            if not hits:
                continue
            n_found += 1
            m = max(hits, key=lambda m: min(e, m.end) - max(s, m.start))
            p = m.place
            if p is not None and p.lat is not None and haversine_km(lat, lon, p.lat, p.lon) <= 161:
                n_ok += 1
    return {"gold": n_gold, "found": n_found, "correct": n_ok, "predicted": n_pred,
            "recall": round(n_found / max(1, n_gold), 4), "precision": round(n_pred_ok / max(1, n_pred), 4),
            "resolution": round(n_ok / max(1, n_found), 4), "e2e": round(n_ok / max(1, n_gold), 4)}


def _parse(nlp, texts: list[str], docs_cache: Path | None) -> list:
    """Parse the texts, or read the parses back from ``docs_cache`` (a DocBin) when it holds them."""
    from spacy.tokens import DocBin

    if docs_cache is not None and docs_cache.exists():
        docs = list(DocBin().from_bytes(docs_cache.read_bytes()).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    if docs_cache is not None:
        docs_cache.write_bytes(DocBin(docs=docs).to_bytes())
    return docs


def run(shared: Path, every: int = 1, ablate: bool = False, docs_cache: Path | None = None,
        heldout: bool = False) -> dict:
    """Score GeoWebNews + TR-News (the dev sets, floors pinned); with ``heldout``, GeoVirus instead
    (reported apart, never used to choose a rule or a weight)."""
    from newsprism.extract import build_nlp

    root = shared / "external" / "geoparsing"
    if heldout:
        articles = load_geovirus(root / "GeoVirus.xml")[::every]
    else:
        articles = load_gwn(root / "GWN.xml")[::every] + load_trnews(root / "TR-News.xml")[::every]
    corpora = sorted({a.corpus for a in articles}, key=[a.corpus for a in articles].index)
    nlp, gaz = build_nlp(), get_gazetteer()
    started = time.perf_counter()
    docs = _parse(nlp, [a.text for a in articles], docs_cache)
    parse_s = time.perf_counter() - started

    def measure(features: frozenset[str]) -> dict:
        t = time.perf_counter()
        preds = [article_places(d, outlet_country=outlet_country(a.url), gazetteer=gaz, features=features)
                 for a, d in zip(articles, docs)]
        res = {c: score([a for a in articles if a.corpus == c], [p for a, p in zip(articles, preds) if a.corpus == c])
               for c in corpora}
        res["all"] = score(articles, preds)
        res["errors"] = error_classes(articles, preds)
        res["seconds"] = round(time.perf_counter() - t, 1)
        return res

    report = {"articles": len(articles), "parse_seconds": round(parse_s, 1), "features": sorted(FEATURES),
              "full": measure(FEATURES)}
    if ablate:
        report["none"] = measure(frozenset())
        for f in sorted(FEATURES):
            report[f"-{f}"] = measure(FEATURES - {f})
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--every", type=int, default=1, help="score every Nth article only")
    ap.add_argument("--ablate", action="store_true")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--heldout", action="store_true", help="score GeoVirus (held out) instead of the dev sets")
    ap.add_argument("--docs-cache", type=Path, help="keep the parses here (a DocBin) to re-score without parsing;"
                    " only valid while the spaCy pipeline and its components are unchanged")
    args = ap.parse_args()
    report = run(args.shared, args.every, args.ablate, args.docs_cache, args.heldout)
    print(f"{report['articles']} articles, parsed in {report['parse_seconds']} s")
    print(f"{'setting':<22}{'corpus':<9}{'recall':>8}{'prec':>8}{'resol':>8}{'e2e':>8}{'found/gold':>12}")
    for name, res in report.items():
        if not isinstance(res, dict):
            continue
        for corpus in [c for c in res if isinstance(res[c], dict) and "e2e" in res[c]]:
            r = res[corpus]
            print(f"{name:<22}{corpus:<9}{r['recall']:>8.3f}{r['precision']:>8.3f}{r['resolution']:>8.3f}"
                  f"{r['e2e']:>8.3f}{r['found']:>6}/{r['gold']}")
    errors = report["full"]["errors"]
    print("errors (full):", ", ".join(f"{k} {v}" for k, v in errors.items()))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
