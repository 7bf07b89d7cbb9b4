"""Quality on the development sets of REAL articles (benchmarks/data/real*/), each against its hand-coded gold.

Each set is real coverage of one relationship by several outlets (excerpts as stored, with their source URLs in its
README.md; undated pages, wire copies and reprints among them), hand-coded before detente was first run on it:
real1 DR Congo-Rwanda peace agreement (2025), real2 China-Japan row (2025), real3 inter-Korean tensions (2024),
real4 Azerbaijan-Armenia prisoner releases, real5 Azerbaijan-Russia row (2025), real6 Algeria-France expulsions
(2025), real7 Ethiopia-Somalia (Somaliland memorandum row, Ankara Declaration, 2024), real8 China-United States
trade war (2025), real9 Serbia-Kosovo (2023), real13 Kyrgyzstan-Tajikistan border war (2022), real14 Iran-Sweden
prisoner swap (2024); real10 China-Philippines (2024), real11 Pakistan-Afghanistan (2025) and real12 Canada-India
(2024) were held out until the end of session 5; real15-20, real21-26, real27-32, real33-38 and real39-44 were held out in the
five rounds after it (pairs and topics in each set's README.md). A measure of generality: fix the mechanisms a set shows, never its
sentences. Figures are named `realN.recall` and so on; floors in floors.json as `real.realN.recall`.
"""
from __future__ import annotations

from pathlib import Path

from corpus_score import corpus_figures, score_corpus

DATA = Path(__file__).resolve().parent / "data"


def run() -> dict:
    figures: dict[str, float] = {}
    for folder in sorted(DATA.glob("real*/")):
        print(f"--- {folder.name}")
        scored = score_corpus([str(folder / "manifest.jsonl")], folder / "gold.jsonl", folder / "non-events.jsonl")
        if not scored:
            return {}
        figures |= {f"{folder.name}.{k}": v for k, v in corpus_figures(scored[1]).items()}
    return figures


if __name__ == "__main__":
    print(run())
