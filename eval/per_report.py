#!/usr/bin/env python3
"""Split each happening of a JSON export into one event per reporting article, for scorers that
place an event in the document of its first evidence span (shared/eval/score.py does).

A happening told by six outlets is one event in the record; such a scorer counts it only in the
first outlet's document, so its event recall and date accuracy measure only first reports. This
view keeps everything else as it is and gives each article its own copy of the happening (its
mentions' sentences from that article, the happening's date), so the same scorer measures every
report.

Usage: per_report.py RECORD.json OUT.json
"""
from __future__ import annotations

import json
import sys


def per_report(record: dict) -> dict:
    events = []
    for e in record["events"]:
        by_doc: dict[str, list[dict]] = {}
        for ev in e["evidence"]:
            by_doc.setdefault(ev["doc"], []).append(ev)
        for doc, spans in by_doc.items():
            events.append({**e, "event_id": f"{e['event_id']}@{doc}", "evidence": spans})
    return {**record, "events": events}


if __name__ == "__main__":
    src, dst = sys.argv[1:3]
    with open(src, encoding="utf-8") as fh:
        record = json.load(fh)
    with open(dst, "w", encoding="utf-8") as fh:
        json.dump(per_report(record), fh)
