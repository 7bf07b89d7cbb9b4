"""Rebuild src/detente/data/cameo.csv and plover.csv from the public CAMEO and PLOVER tables.

Only facts are kept: each CAMEO code's Goldstein weight and its PLOVER event and mode (no descriptive
text). Sources (see NOTICE in the data folder): andybega/icews cameo-codes.csv (MIT) and
openeventdata/PLOVER CAMEO2PLOVER-2021.txt (CC BY-SA 4.0).

    python scripts/build_cameo_table.py ../shared/external
"""
import csv
import re
import statistics
import sys
from pathlib import Path

QUADS = {
    "AGREE": "verbal_cooperation", "CONSULT": "verbal_cooperation", "SUPPORT": "verbal_cooperation",
    "CONCEDE": "verbal_cooperation", "COOPERATE": "material_cooperation", "AID": "material_cooperation",
    "RETREAT": "material_cooperation", "REQUEST": "verbal_conflict", "ACCUSE": "verbal_conflict",
    "REJECT": "verbal_conflict", "THREATEN": "verbal_conflict", "PROTEST": "material_conflict",
    "SANCTION": "material_conflict", "MOBILIZE": "material_conflict", "COERCE": "material_conflict",
    "ASSAULT": "material_conflict",
}
V2 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def main(external: Path, out: Path) -> None:
    goldstein = {}
    with open(external / "cameo" / "cameo-codes.csv", encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f):
            try:
                goldstein[row["code"]] = float(row["goldstein"])
            except (TypeError, ValueError):
                pass
    plover, context = {}, {}  # context: the PLOVER contexts of a code (diplomatic, economic ...)
    for line in open(external / "cameo" / "CAMEO2PLOVER-2021.txt", encoding="utf-8"):
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([a-z_\- ]*?)\s*,([^#]*)", line)
        if m:
            event = V2.get(m.group(2), m.group(2))
            plover[m.group(1)] = (event, m.group(3).strip().replace(" ", "") or "")
            context[m.group(1)] = ";".join(m.group(4).replace(",", " ").split())
    rows = []
    for code in sorted(set(goldstein) | set(plover)):
        if len(code) < 3:
            continue
        event, mode = plover.get(code, plover.get(code[:3], ("", "")))
        rows.append({"cameo": code, "goldstein": goldstein.get(code, goldstein.get(code[:3], "")),
                     "plover_event": event, "plover_mode": mode, "plover_context": context.get(code, "")})
    with open(out / "cameo.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["cameo", "goldstein", "plover_event", "plover_mode", "plover_context"],
                           lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    # PLOVER score: mean Goldstein weight of the CAMEO codes mapped to each (event, mode), then event.
    by_pair, by_event = {}, {}
    for r in rows:
        if r["plover_event"] and r["goldstein"] != "":
            by_pair.setdefault((r["plover_event"], r["plover_mode"]), []).append(r["goldstein"])
            by_event.setdefault(r["plover_event"], []).append(r["goldstein"])
    with open(out / "plover.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["event", "mode", "quad", "plover_score"])
        for event in QUADS:
            w.writerow([event, "", QUADS[event], round(statistics.mean(by_event.get(event, [0.0])), 2)])
            for (e, mode), vals in sorted(by_pair.items()):
                if e == event and mode:
                    w.writerow([event, mode, QUADS[event], round(statistics.mean(vals), 2)])


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/external"),
         Path(__file__).resolve().parent.parent / "src" / "detente" / "data")
