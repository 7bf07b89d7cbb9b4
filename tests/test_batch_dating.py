"""What an ingest stores does not depend on where its write batches fell (`pipeline.WRITE_BATCH`, and the
`WRITE_WAIT` seconds after which a slow stream's batch is written): an undated reprint is dated from its dated
copy whether that copy came in its batch or an earlier one, and an undated article that retells an act by its
weekday names the same dated articles in its publication note."""
import duckdb
import pytest

import detente
from detente import pipeline

STORY = ("Latvia expelled two Estonian diplomats on Wednesday after accusing them of spying on a naval base near "
         "Liepaja, the Latvian foreign ministry said in a statement. The two men, a first secretary and an attache at "
         "the embassy in Riga, were given forty-eight hours to leave the country. Estonia called the decision "
         "groundless and said it would respond in kind. The row is the sharpest between the two Baltic neighbours in "
         "years. Officials in Tallinn said the ambassador had been summoned to explain the move, and a spokesman for "
         "the Estonian government said the expulsions would harm cooperation on border security and energy links "
         "that both capitals have promoted since joining the European Union.")
ARTICLES = {
    "a_reprint.txt": STORY,  # no dateline: its copy dates it
    "b_wire.txt": "RIGA, Nov. 21, 2025 - " + STORY,
    "c_analysis.txt": "Estonia weighs its answer to Riga\n\nLatvia expelled two Estonian diplomats on Wednesday, and "
                      "Estonia has promised to respond. Officials in Tallinn said they were studying the Latvian "
                      "accusations. Analysts said the quarrel could slow joint work on the electricity grid link that "
                      "the two governments opened in August 2024.",
}


def _stored(db: str) -> tuple:
    con = duckdb.connect(db, read_only=True)
    try:
        docs = con.execute("SELECT name, published_start, published_end, published_source, published_note,"
                           " source_group FROM documents ORDER BY name").fetchall()
        mentions = con.execute("SELECT id, event_id, date_start, date_end, record FROM mentions ORDER BY id").fetchall()
        events = con.execute("SELECT id, event, mode, date_start, date_end, num_articles FROM events ORDER BY id").fetchall()
    finally:
        con.close()
    return docs, mentions, events


@pytest.mark.parametrize("sizes", [(1, 32), (2, 32)])
def test_the_store_and_its_publication_notes_do_not_depend_on_the_write_batches(tmp_path, monkeypatch, sizes):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    stores = []
    for size in sizes:
        monkeypatch.setattr(pipeline, "WRITE_BATCH", size)
        db = str(tmp_path / f"s{size}.duckdb")
        detente.ingest([str(folder)], db, workers=1)
        stores.append(_stored(db))
    docs = {d[0]: d for d in stores[0][0]}
    assert docs["a_reprint.txt"][3] == "syndicated" and "b_wire.txt" in docs["a_reprint.txt"][4]
    assert docs["c_analysis.txt"][3] == "inferred" and "retold" in docs["c_analysis.txt"][4]
    # the dated reprint vouches for Wednesday as much as the wire does, in whichever batch it was dated
    assert "a_reprint.txt" in docs["c_analysis.txt"][4], docs["c_analysis.txt"][4]
    assert stores[0] == stores[1]
