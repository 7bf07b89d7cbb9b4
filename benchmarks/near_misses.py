"""Dates that cost matches, over the real sets (an analysis tool, not a benchmark with floors):

    ../.venv/bin/python near_misses.py OUTDIR [real33 real34 ...]     (EXPORT=0 re-reads the exports in OUTDIR)

`date_near_misses`: false alarms that would match a gold event no prediction matched if the date were ignored (a
wrong anchor or year costs a miss and a false alarm); `wide_matches`: matches whose interval is wider than 61 days
(lucky matches that break when dating improves). Each line gives the evidence's `date_how`, to group by mechanism."""
import json, sys, tempfile, importlib.util, os
from pathlib import Path
from concurrent.futures import ProcessPoolExecutor
from corpus_score import SCORER
spec = importlib.util.spec_from_file_location("score", SCORER)
S = importlib.util.module_from_spec(spec); spec.loader.exec_module(S)
DATA = Path(__file__).resolve().parent / "data"
OUT = Path(sys.argv[1]); OUT.mkdir(parents=True, exist_ok=True)
sets = sys.argv[2:] or [f"real{i}" for i in range(1, 39)]

def export(name):
    import detente
    folder = DATA / name
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "c.duckdb")
        detente.ingest([str(folder / "manifest.jsonl")], db, allow_outside=True)
        detente.export(db, format="jsonl", out=str(OUT / f"{name}.jsonl"))
    return name

def analyse(name):
    folder = DATA / name
    preds = S.load_jsonl(OUT / f"{name}.jsonl"); golds = S.load_jsonl(folder / "gold.jsonl")
    r = S.score(preds, golds)
    match = r["_match"]; matched = set(match.values())
    gid = {g["id"]: i for i, g in enumerate(golds)}
    unmatched_g = [g for g in golds if g["id"] not in match]
    lines = []
    near = 0
    for pi, p in enumerate(preds):
        if pi in matched: continue
        for g in unmatched_g:
            gg = dict(g); gg["date"] = {"earliest": "1000-01-01", "latest": "2999-12-31"}
            if S.compatible(p, gg):
                near += 1
                s, e = S.interval(p)
                ev = (S.evidence_texts(p) or [""])
                lines.append(f"  NEAR #{pi} {S.first(p.get('event'))} {sorted(S.codes(p.get('actor')))}->{sorted(S.codes(p.get('recipient')))} pred {s}..{e} gold {g['id']} {g['date']['earliest']}..{g['date']['latest']} req={g['required']}\n      | {ev[0][:200]}")
                for m in p.get("evidence", [])[:3]:
                    lines.append(f"      doc={m.get('doc') or m.get('document')} date_text={m.get('date_text')!r} how={str(m.get('date_how'))[:200]} conf={m.get('confidence')}")
                break
    wide = 0
    for g_id, pi in match.items():
        s, e = S.interval(preds[pi])
        if (e - s).days > 61:
            wide += 1
            g = golds[gid[g_id]]
            ev0 = (preds[pi].get("evidence") or [{}])[0]
            lines.append(f"      doc={ev0.get('doc')} how={str(ev0.get('date_how'))[:200]} n={len(preds[pi].get('evidence') or [])} dating={preds[pi].get('dating')}")
            lines.append(f"  WIDE {g_id} {g['event']} pred {s}..{e} gold {g['date']['earliest']}..{g['date']['latest']} | {(S.evidence_texts(preds[pi]) or [''])[0][:150]}")
    return name, r["recall"], r["precision"], near, wide, lines

if __name__ == "__main__":
    if os.environ.get("EXPORT", "1") == "1":
        with ProcessPoolExecutor(2) as ex:
            list(ex.map(export, sets))
    tn = tw = 0
    for name in sets:
        name, rc, pr, near, wide, lines = analyse(name)
        tn += near; tw += wide
        print(f"--- {name} recall={rc} precision={pr} date_near_misses={near} wide_matches={wide}")
        print("\n".join(lines))
    print(f"TOTAL near={tn} wide={tw}")
