"""One batch of every bad input the issue lists, with good files among them: each bad one is named on one
line with its reason, each good one is stored, the run exits with the skipped code, and a 50 MB file costs
no memory (refused by its size before a byte is read)."""
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from detente import exitcodes
from detente.store import Store

GOOD = {
    "good1.txt": "Minsk frees prisoners\n\nOn June 3, 2025, Belarus freed 14 political prisoners, officials said.\n",
    "good2.md": "# Sanctions eased\n\nOn June 5, 2025, the United States lifted sanctions on the Belarusian state "
                "airline Belavia.\n",
    "good3.html": "<html><head><title>Talks</title></head><body><article><p>On June 9, 2025, the Lithuanian foreign "
                  "minister visited Warsaw for talks with his Polish counterpart about the border.</p></article>"
                  "</body></html>",
    # time expressions that used to crash the parser (and with it the batch): now ordinary articles
    "quarter.txt": "Trade fell over the past quarter, and Poland closed two border crossings with Belarus on June 2, 2025.\n",
    "ago.txt": "The dynasty began 2025 years ago. He left 75430 month ago. It was 9999999999 days ago, and "
               + "9" * 300 + " days ago. Belarus freed 5 political prisoners on June 4, 2025.\n",
    "commas.txt": "After 1,800 days in prison, Prisoner No. 1944 was freed by Belarus on June 6, 2025. "
                  "5,000 days later nobody remembered.\n",
}


def test_every_bad_input_named_every_good_one_stored(tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    for name, text in GOOD.items():
        (d / name).write_text(text, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(GOOD["good1.txt"])
    bad = {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "noise.txt": "unknown text encoding",
        "german.txt": "not English",
        "huge.txt": "too large",
        "pipe.txt": "not a regular file",
        "zero.txt": "not a regular file",
        "m.jsonl:1": "outside the manifest's folder",
        "m.jsonl:2": "outside the manifest's folder",
        "m.jsonl:3": "published",
        "m.jsonl:4": "malformed JSON",
    }
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (d / "noise.txt").write_bytes(bytes(range(128, 256)) * 20)
    (d / "german.txt").write_text("Die Regierung in Berlin hat am Montag neue Gespräche mit Polen angekündigt. Der "
                                  "Außenminister sagte, beide Länder wollten die Zusammenarbeit an der Grenze vertiefen "
                                  "und regelmäßig beraten. Die Opposition kritisierte den Plan scharf und verlangte mehr "
                                  "Transparenz im Parlament. Der Minister antwortete am Dienstag auf alle Fragen.\n")
    with open(d / "huge.txt", "wb") as f:  # 50 MB (sparse): refused by its size, never read
        f.truncate(50 * 1024 * 1024)
    os.mkfifo(d / "pipe.txt")
    (d / "zero.txt").symlink_to("/dev/zero")
    (d / "m.jsonl").write_text("\n".join([
        json.dumps({"path": "../secret.txt"}), json.dumps({"path": "/etc/passwd"}),
        json.dumps({"text": GOOD["good1.txt"] + " Again.", "published": "0001-01-01"}), "{not json",
        json.dumps({"text": "On June 11, 2025, Latvia expelled two Belarusian diplomats.", "published": "2025-06-12",
                    "id": "inline"})]) + "\n")
    db = tmp_path / "s.duckdb"
    detente = Path(sys.executable).parent / "detente"
    r = subprocess.run([str(detente), "ingest", str(d), "--published", "2025-06-20", "--db", str(db)],
                       capture_output=True, text=True, timeout=600)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert r.returncode == exitcodes.SKIPPED, r.stderr
    skipped = [line for line in r.stderr.splitlines() if line.startswith("skipped ")]
    for where, why in bad.items():
        hits = [line for line in skipped if where in line]
        assert len(hits) == 1 and why in hits[0], (where, skipped)
    assert len(skipped) == len(bad)
    with Store(db, read_only=True) as s:
        names = {doc.name for doc in s.documents()}
    assert names == set(GOOD) | {"inline"}
    assert "Traceback" not in r.stderr and "passwd" not in " ".join(names)
    assert peak_mb < 1024, peak_mb
