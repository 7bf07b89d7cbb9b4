"""Ingest stage: files, folders and JSON Lines manifests in, `Document`s (or `IngestError`s) out.

Everything is a generator so a batch of any size streams through in constant memory; a bad input
becomes one `IngestError` line and the batch goes on. `Document.text` is normalised here once
(newlines, NFC, spaces), and every character offset computed by later stages refers to it.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from detente.model import Document, IngestError
from detente.pubdate import HEADER_LINES, dateline_in, dateline_spans, find_dateline, parse_date_value, publication

__all__ = ["iter_documents", "document_id", "normalize_text", "find_dateline", "dateline_spans", "decode_bytes"]

TEXT_EXTS = {".txt", ""}
MARKDOWN_EXTS = {".md", ".markdown"}
HTML_EXTS = {".html", ".htm"}
MANIFEST_EXTS = {".jsonl"}
MAX_BYTES = 20 * 1024 * 1024  # far beyond any news article; guards against feeding a dump by mistake

# Language check: only reject when the text is long enough for py3langid to be trusted.
MIN_LANG_CHARS = 200
MIN_LANG_PROB = 0.90
# What trafilatura keeps of a page with no article is a menu label or two; no article is this short.
MIN_HTML_WORDS = 8

# Binary signatures (file magic numbers); a table because these are fixed byte strings.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP"), (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "gzip"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"), (b"\xff\xd8\xff", "JPEG"),
    (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x7fELF", "ELF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE"), (b"RIFF", "RIFF"), (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"SQLite format 3\x00", "SQLite"), (b"PAR1", "Parquet"), (b"OggS", "Ogg"), (b"ID3", "MP3"),
)
_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)


# ----------------------------------------------------------------------------- ids and text


def document_id(text: str) -> str:
    """Stable content hash (sha256 of the NFC-normalised, whitespace-collapsed text), first 16 hex chars.

    Whitespace is collapsed so that re-wrapping or re-indenting an article does not make it new.
    """
    canon = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]


_HSPACE = re.compile(r"[^\S\n]+")  # any whitespace except newline (spaces, tabs, NBSP, ...)
_MANY_BLANKS = re.compile(r"\n{3,}")
# Invisible marks web pages put inside words (a soft hyphen, a zero-width space, a word joiner, a BOM): "ambas\u00adsador"
# and "Pe\u200bru" are one word to a reader, and to the parser and the actor dictionary only without them
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def normalize_text(text: str) -> str:
    """Newlines to \\n, NFC, no BOM nor invisible in-word marks, runs of spaces/tabs collapsed, paragraph breaks kept,
    trimmed.

    The result is the `Document.text` every later offset refers to, so this must stay deterministic.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_BLANKS.sub("\n\n", "\n".join(lines)).strip()


# ----------------------------------------------------------------------------- bytes -> str


class _Bad(Exception):
    """An input that cannot be ingested; the message is the one-line reason."""


def _sniff_binary(data: bytes) -> str | None:
    """Name of the binary format if `data` is clearly not text, else None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text legitimately contains NUL bytes
    head = data[:8192]
    if b"\x00" in head:
        return "NUL bytes"
    controls = sum(1 for b in head if (b < 32 and b not in b"\t\n\r\f\v\x1b") or b == 127)
    if head and controls / len(head) > 0.05:
        return "control characters"
    return None


_ASCII = bytes(range(0x80))
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _cp1252_strays(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: undecodable bytes inside UTF-8 text are read as cp1252."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("detente-cp1252-strays", _cp1252_strays)


def _mostly_text(text: str) -> bool:
    """True when a decoded string is mostly letters, digits, punctuation and spaces (not mojibake)."""
    sample = text[:20000]
    if not sample:
        return True
    good = sum(1 for ch in sample if ch.isspace() or unicodedata.category(ch)[0] in "LNPZ")
    words = sample.split()
    # Natural-language text has word breaks; decoded noise is one endless "word".
    avg_word = sum(map(len, words)) / max(1, len(words))
    return good / len(sample) >= 0.9 and avg_word <= 25


def decode_bytes(data: bytes) -> str:
    """Decode article bytes: BOM'd UTF-8/16/32 as is, then strict UTF-8, then a confident guess.

    Raises _Bad("unknown text encoding") rather than guessing wildly.
    """
    return decode_with_encoding(data)[0]


# Single-byte code pages of Western European languages: an English article's accented words
# ("señor", "déjà") come from these, never from the Baltic or Cyrillic pages that decode the same bytes.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def _western(data: bytes) -> tuple[str, str] | None:
    """The text and code page when the bytes read as English in a Western code page, else None.

    charset_normalizer scores "seńor" (cp1257) as no more chaotic than "señor" (cp1252) on a short
    article; the language of the decoded text tells them apart, so English text prefers Western pages."""
    for codec in _WESTERN:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _mostly_text(text):
            return None
        lang, prob, _ = detect_language(text)
        return (text, codec) if lang == "en" and prob >= MIN_LANG_PROB else None
    return None


def decode_with_encoding(data: bytes) -> tuple[str, str]:
    """`decode_bytes`, also naming the encoding used (stored on the document, shown by `detente sources`)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise _Bad("unknown text encoding (invalid bytes after a Unicode BOM)") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    high = len(data.translate(None, _ASCII))
    valid = sum(map(len, _UTF8_SEQ.findall(data)))
    if valid >= 0.9 * high:
        # UTF-8 with a few stray legacy bytes (a pasted cp1252 dash): a whole-file guess would turn
        # every good UTF-8 sequence into mojibake, so keep UTF-8 and read only the strays as cp1252.
        return data.decode("utf-8", errors="detente-cp1252-strays"), "utf-8 (stray bytes as cp1252)"
    western = _western(data)
    if western:
        return western
    import charset_normalizer

    results = list(charset_normalizer.from_bytes(data))
    if not results:
        raise _Bad("unknown text encoding")
    best = min(results, key=lambda r: r.chaos)
    # charset_normalizer ranks the Western code pages as ties (cp1250 == cp1252 on "café"); for
    # English-language news cp1252 is by far the likeliest, so it wins any tie.
    for r in results:
        if r.chaos <= best.chaos + 0.01 and "cp1252" in r.could_be_from_charset:
            best = r
            break
    codec = "cp1252" if "cp1252" in best.could_be_from_charset else best.encoding
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        text, codec = str(best), best.encoding
    if best.chaos > 0.2 or not _mostly_text(text):
        raise _Bad("unknown text encoding")
    return text, codec


def _check_file(path: Path, sized: bool = True) -> os.stat_result:
    """Refuse what is not a regular file of article size, by its type and size, before reading a byte:
    a FIFO would block for ever and /dev/zero never ends. A manifest (`sized=False`) may be any size:
    it is read a line at a time, and each line is held to the limit."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise _Bad("no such file or directory") from None
    except PermissionError:
        raise _Bad("permission denied") from None
    if stat.S_ISDIR(st.st_mode):
        raise _Bad("is a directory")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file")
        raise _Bad(f"not a regular file ({kind})")
    if sized and st.st_size > MAX_BYTES:
        raise _Bad(f"file too large for an article ({st.st_size / 1e6:.0f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
    return st


def _read_bytes(path: Path) -> bytes:
    """A regular file's bytes, never more than MAX_BYTES (a file growing while read is cut off and refused)."""
    limit = MAX_BYTES
    _check_file(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise _Bad("no such file or directory") from None
    except IsADirectoryError:
        raise _Bad("is a directory") from None
    except PermissionError:
        raise _Bad("permission denied") from None
    except OSError as exc:
        raise _Bad(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise _Bad(f"file too large for an article (over {limit / 1e6:.0f} MB)")
    return data


def _read_text(path: Path) -> tuple[str, str]:
    """Read a file as text, or raise _Bad with the reason: (text, the encoding it was read in)."""
    data = _read_bytes(path)
    if not data.strip():
        raise _Bad("empty file")
    if _sniff_binary(data):
        raise _Bad("binary file, not text")
    return decode_with_encoding(data)


def read_text_file(path: str | os.PathLike) -> str:
    """A text file's content with the same guards as ingest (no FIFO, device or huge file is ever read);
    raises ValueError with the one-line reason."""
    try:
        return _read_text(Path(path))[0]
    except _Bad as exc:
        raise ValueError(str(exc)) from None


# ----------------------------------------------------------------------------- per-format extraction


@dataclass
class _Meta:
    """Metadata one source gives about a document; None = it says nothing."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_note: str = ""
    language: str | None = None


def _from_markdown(raw: str) -> tuple[str, _Meta]:
    """Markdown to readable text (headings, emphasis, links resolved to their words) + front matter."""
    meta = _Meta()
    raw = raw.lstrip("\ufeff")
    # YAML front matter is a convention outside CommonMark, so markdown-it does not split it off.
    fm = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", raw, re.S)
    if fm:
        meta = _front_matter(fm.group(1))
        raw = raw[fm.end():]
    from markdown_it import MarkdownIt

    blocks: list[str] = []
    row: list[str] | None = None
    tokens = MarkdownIt("commonmark").enable("table").parse(raw)
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            blocks.append(" | ".join(row))
            row = None
        elif tok.type == "inline":
            text = _inline_text(tok.children or [])
            if row is not None:
                row.append(text)
                continue
            if not text.strip():
                continue
            if meta.title is None and i and tokens[i - 1].type == "heading_open" and tokens[i - 1].tag == "h1":
                meta.title = " ".join(text.split())
            blocks.append(text)
        elif tok.type in ("fence", "code_block"):
            blocks.append(tok.content.rstrip("\n"))
    return "\n\n".join(blocks), meta


def _inline_text(children: list[Any]) -> str:
    """The words of an inline markdown run: emphasis and link markup dropped, images skipped."""
    out = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")  # a soft break is a wrapped line inside one paragraph
        elif child.type == "hardbreak":
            out.append("\n")
    return "".join(out)


def _front_matter(block: str) -> _Meta:
    """Title/date/outlet/url from a Markdown YAML front matter block (ignored when malformed)."""
    import yaml

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return _Meta()
    if not isinstance(data, dict):
        return _Meta()
    meta = _Meta()
    low = {str(k).lower(): v for k, v in data.items()}
    if isinstance(low.get("title"), str):
        meta.title = low["title"].strip() or None
    for key in ("outlet", "source", "publisher", "sitename", "site_name"):
        if isinstance(low.get(key), str) and low[key].strip():
            meta.outlet = low[key].strip()
            break
    if isinstance(low.get("url"), str):
        meta.url = low["url"].strip() or None
    for key in ("published", "date", "pubdate"):
        if key in low and low[key] is not None:
            day = parse_date_value(low[key])
            if day:
                meta.published, meta.published_note = day, f'front matter {key}: "{low[key]}"'
                break
    return meta


def _from_html(raw: str, url: str | None = None) -> tuple[str, _Meta]:
    """Main article text and metadata of an HTML page, via trafilatura (boilerplate removed)."""
    import trafilatura

    kwargs = dict(with_metadata=True, include_comments=False, include_tables=True,
                  date_extraction_params={"extensive_search": False, "original_date": True})
    doc = trafilatura.bare_extraction(raw, url=url, **kwargs)
    if doc is None or len((_get(doc, "text") or "").split()) < MIN_HTML_WORDS:
        doc = trafilatura.bare_extraction(raw, url=url, favor_recall=True, **kwargs)
    if doc is None or len((_get(doc, "text") or "").split()) < MIN_HTML_WORDS:
        raise _Bad("no article text found in the HTML")
    title = _get(doc, "title") or None
    if title is None or _NAV_LINE.match(title):
        title = _html_headline(raw)
    meta = _Meta(title=title, outlet=_get(doc, "sitename") or None, url=_get(doc, "url") or None)
    date = _get(doc, "date")
    if date:
        day = parse_date_value(date)
        if day:
            meta.published, meta.published_note = day, f'html metadata date "{date}"'
    return _get(doc, "text"), meta


#: page furniture that is never a headline ("Skip to content", "Menu"): a title or first line like it is passed over
_NAV_LINE = re.compile(r"(?i)^\W*(skip (to|navigation)|jump to|toggle|main menu|menu|search|sign in|log in|"
                       r"subscribe|home|advertisement|cookie)\b")


def _html_headline(raw: str) -> str | None:
    """The page's headline when trafilatura found none (or only page furniture): og:title, twitter:title,
    the first <h1>, then <title>. Parsed with lxml (trafilatura's own parser)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(raw)
    except (ValueError, lxml.etree.ParserError):
        return None
    found = [*tree.xpath("//meta[@property='og:title' or @name='og:title' or @name='twitter:title']/@content"),
             *(h.text_content() for h in tree.xpath("//h1")), *(t.text_content() for t in tree.xpath("//title"))]
    for text in found:
        text = " ".join(str(text).split())
        if text and not _NAV_LINE.match(text):
            return text
    return None


def _get(obj: Any, key: str) -> Any:
    """Attribute or key: trafilatura returns a Document object (2.x) or a dict (older versions)."""
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


# ----------------------------------------------------------------------------- header cues in plain text

# Wire services: the "(Reuters) -" marker is a fixed byline convention, so a literal list suffices.
_WIRES = {
    "reuters": "Reuters", "ap": "AP", "afp": "AFP", "bloomberg": "Bloomberg", "upi": "UPI",
    "dpa": "dpa", "xinhua": "Xinhua", "tass": "TASS", "interfax": "Interfax", "belta": "BelTA",
    "ria novosti": "RIA Novosti", "anadolu": "Anadolu", "efe": "EFE", "ansa": "ANSA", "kyodo": "Kyodo",
    "yonhap": "Yonhap", "pap": "PAP", "rfe/rl": "RFE/RL", "ukrinform": "Ukrinform", "cnn": "CNN",
}
_WIRE_RE = re.compile(r"\((" + "|".join(re.escape(k) for k in sorted(_WIRES, key=len, reverse=True)) + r")\)", re.I)


def find_wire_outlet(text: str) -> str | None:
    """The outlet named by a wire marker like "MINSK (Reuters) -" in the first lines, if any."""
    for line in text.split("\n")[:HEADER_LINES]:
        m = _WIRE_RE.search(line[:200])
        if m:
            return _WIRES[m.group(1).lower()]
    return None


# Photo credits sit above some headlines ("Source: Getty"); they are not the title.
_CREDIT = re.compile(r"^(?:source|photo|photograph|image|picture|credit|illustration)s?\s*(?:by)?\s*:", re.I)


def guess_title(text: str) -> str | None:
    """First non-empty line when it reads like a headline: short, not a sentence, not a byline/credit."""
    for line in text.split("\n")[:HEADER_LINES]:
        line = line.strip()
        if not line or _CREDIT.match(line) or _NAV_LINE.match(line):
            continue
        words = line.split()
        if (len(words) < 2 or len(words) > 25 or len(line) > 200 or line.endswith((".", ":", ";", ","))
                or line.lower().startswith("by ") or dateline_in(line, cue_required=False)):
            return None
        return line
    return None


# ----------------------------------------------------------------------------- language


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float, bool]:
    """(ISO 639-1 code, probability, enough_text) from py3langid on the first 5,000 characters."""
    sample = text[:5000]
    lang, prob = _identifier().classify(sample)
    letters = sum(map(str.isalpha, sample))
    return lang, float(prob), letters >= MIN_LANG_CHARS


# ----------------------------------------------------------------------------- assembling documents


def _build(text: str, *, name: str, path: str | None, meta: _Meta, own_meta: _Meta | None,
           cli_published: dt.date | None, cli_outlet: str | None, meta_source: str,
           encoding: str = "utf-8") -> Document:
    """Normalise, check and annotate one document.

    Precedence: manifest (`own_meta`) > CLI > the document's own metadata (HTML meta / front
    matter, `meta`) > cues in the text (dateline, wire marker, headline line).
    """
    text = normalize_text(text)
    if not text:
        raise _Bad("empty file")
    own = own_meta or _Meta()
    lang, prob, enough = detect_language(text)
    if own.language:
        language = own.language.lower()
        if language.split("-")[0] != "en":
            raise _Bad(f"not English (manifest says '{own.language}')")
    else:
        if enough and prob >= MIN_LANG_PROB and lang != "en":
            raise _Bad(f"not English (detected '{lang}')")
        language = lang if prob >= MIN_LANG_PROB else "en"

    doc = Document(id=document_id(text), name=name, text=text, path=path, language=language, encoding=encoding)
    doc.title = own.title or meta.title or guess_title(text)
    doc.url = own.url or meta.url
    doc.outlet = own.outlet or cli_outlet or meta.outlet or find_wire_outlet(text)

    given = None
    if own.published:
        given = (own.published, "manifest", own.published_note)
    elif cli_published:
        given = (cli_published, "cli", f"cli --published {cli_published.isoformat()}")
    elif meta.published:
        given = (meta.published, meta_source, meta.published_note)
    # what the article alone says (given date, dateline, URL); the pipeline adds the dictionary and copies
    found = publication(text, url=doc.url, given=given, infer=False)
    if found.source != "none":
        found.apply(doc)
    return doc


def _ingest_file(path: Path, shown: str, *, name: str | None = None, own_meta: _Meta | None = None,
                 published: dt.date | None, outlet: str | None) -> Document | IngestError:
    """One article file to a Document, or an IngestError naming it."""
    ext = path.suffix.lower()
    try:
        raw, encoding = _read_text(path)
        meta, meta_source = _Meta(), "none"
        if ext in HTML_EXTS:
            body, meta = _from_html(raw, url=own_meta.url if own_meta else None)
            meta_source = "html-meta"
        elif ext in MARKDOWN_EXTS:
            body, meta = _from_markdown(raw)
            meta_source = "front-matter"
        elif ext in TEXT_EXTS or own_meta is not None:
            body = raw
        else:
            raise _Bad(f"unsupported file type '{ext}'")
        return _build(body, name=name or path.name, path=shown, meta=meta, own_meta=own_meta,
                      cli_published=published, cli_outlet=outlet, meta_source=meta_source, encoding=encoding)
    except _Bad as bad:
        return IngestError(shown, str(bad))
    except RecursionError:  # a page nested thousands of tags deep
        return IngestError(shown, "cannot read (nested too deeply)")
    except Exception as exc:  # a library failing on hostile bytes costs this file, never the batch
        return IngestError(shown, f"cannot read ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})")


def _record_meta(rec: dict[str, Any]) -> _Meta:
    """Manifest metadata of one record; raises _Bad on a value of the wrong shape."""
    meta = _Meta()
    for key in ("title", "outlet", "url", "language", "id"):
        val = rec.get(key)
        if val is not None and not isinstance(val, str):
            raise _Bad(f"'{key}' must be a string")
    meta.title = (rec.get("title") or "").strip() or None
    meta.outlet = (rec.get("outlet") or "").strip() or None
    meta.url = (rec.get("url") or "").strip() or None
    meta.language = (rec.get("language") or "").strip() or None
    if rec.get("published") not in (None, ""):
        day = parse_date_value(rec["published"])
        if day is None:
            raise _Bad(f"bad 'published' value {rec['published']!r} (want YYYY-MM-DD)")
        meta.published, meta.published_note = day, f'manifest "{rec["published"]}"'
    return meta


def _manifest_paths(manifest: Path) -> Iterator[Path]:
    """Files a manifest references (resolved), read line by line; bad lines are skipped here."""
    try:
        with manifest.open("r", encoding="utf-8-sig", errors="replace") as fh:
            for line in fh:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict) and isinstance(rec.get("path"), str) and not rec.get("text"):
                    try:
                        yield (manifest.parent / rec["path"]).resolve()
                    except (OSError, ValueError, RuntimeError):  # a NUL byte, a symlink loop: reported later
                        continue
    except OSError:
        return


def _confined(target: Path, folder: Path) -> bool:
    """Whether a manifest's path stays inside the manifest's folder (after `..` and symlinks)."""
    try:
        return target.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _iter_manifest(manifest: Path, shown: str, *, published: dt.date | None,
                   outlet: str | None, allow_outside: bool = False,
                   base: Path | None = None) -> Iterator[Document | IngestError]:
    """Documents of a JSON Lines manifest, one record per line, streamed; `path`s are relative to `base`
    (default: the manifest's folder). A record may name only files under that folder (a manifest from
    elsewhere must not read /etc/passwd), unless `allow_outside`."""
    try:
        _check_file(manifest, sized=False)
        fh = manifest.open("rb")
    except _Bad as bad:
        yield IngestError(shown, str(bad))
        return
    except FileNotFoundError:
        yield IngestError(shown, "no such file or directory")
        return
    except OSError as exc:
        yield IngestError(shown, f"cannot read ({exc.strerror or exc})")
        return
    with fh:
        for lineno, line in enumerate(iter(lambda: fh.readline(MAX_BYTES + 1), b""), 1):
            where = f"{shown}:{lineno}"
            if not line.strip():
                continue
            try:
                if len(line) > MAX_BYTES:
                    while line and not line.endswith(b"\n"):  # skip the rest of the line, a piece at a time
                        line = fh.readline(MAX_BYTES + 1)
                    raise _Bad(f"line too long for an article (over {MAX_BYTES / 1e6:.0f} MB)")
                try:
                    rec = json.loads(line.decode("utf-8-sig"))
                except UnicodeDecodeError:
                    raise _Bad("line is not UTF-8") from None
                except ValueError as exc:
                    raise _Bad(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
                if not isinstance(rec, dict):
                    raise _Bad("record is not a JSON object")
                own = _record_meta(rec)
                rec_id = rec.get("id")
                text = rec.get("text")
                if text is not None:
                    if not isinstance(text, str):
                        raise _Bad("'text' must be a string")
                    if not text.strip():
                        raise _Bad("empty text")
                    name = rec_id or f"{manifest.name}#{lineno}"
                    yield _build(text, name=name, path=shown, meta=_Meta(), own_meta=own,
                                 cli_published=published, cli_outlet=outlet, meta_source="none",
                                 encoding="utf-8 (manifest text)")
                elif isinstance(rec.get("path"), str) and rec["path"].strip():
                    if "\x00" in rec["path"]:
                        raise _Bad("'path' contains a NUL byte")
                    folder = base or manifest.parent
                    target = folder / rec["path"]
                    if not allow_outside and not _confined(target, folder):
                        raise _Bad(f"path {rec['path']!r} is outside the manifest's folder "
                                   "(pass --allow-outside to read it)")
                    result = _ingest_file(target, str(target), own_meta=own, published=published,
                                          outlet=outlet)
                    if isinstance(result, IngestError):
                        result.reason += f" (listed in {where})"
                    yield result
                else:
                    raise _Bad("record has neither 'text' nor 'path'")
            except _Bad as bad:
                yield IngestError(where, str(bad))


def _is_candidate(path: str) -> bool:
    """Files a folder walk picks up: known extensions, and extensionless files that look like text."""
    ext = os.path.splitext(path)[1].lower()
    if ext in TEXT_EXTS | MARKDOWN_EXTS | HTML_EXTS:
        if ext:
            return True
        try:
            with open(path, "rb") as fh:
                head = fh.read(8192)
        except OSError:
            return True  # let the reader report it
        return _sniff_binary(head) is None
    return False


def _walk(folder: Path, shown: str, skip: frozenset[Path], *, published: dt.date | None,
          outlet: str | None, ancestors: frozenset[str] = frozenset(),
          allow_outside: bool = False) -> Iterator[Document | IngestError]:
    """Recursive, sorted, lazy folder walk; files a manifest references are left to the manifest.

    Only one folder's sorted names (plain strings) are held at a time, plus the chain of parent
    folders (to stop symlink loops); documents never accumulate.
    """
    real = os.path.realpath(folder)
    if real in ancestors:
        return  # a symlink back up the tree
    ancestors = ancestors | {real}
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it if not e.name.startswith("."))
    except OSError as exc:
        yield IngestError(shown, f"cannot list folder ({exc.strerror or exc})")
        return
    manifests = [n for n in names if os.path.splitext(n)[1].lower() in MANIFEST_EXTS
                 and os.path.isfile(os.path.join(folder, n))]
    if manifests:
        skip = skip | {p for m in manifests for p in _manifest_paths(folder / m)}
    for name in names:
        full, sub = os.path.join(folder, name), os.path.join(shown, name)
        if os.path.isdir(full):
            yield from _walk(Path(full), sub, skip, published=published, outlet=outlet,
                             ancestors=ancestors, allow_outside=allow_outside)
        elif not os.path.isfile(full):
            if os.path.splitext(name)[1].lower() in TEXT_EXTS | MARKDOWN_EXTS | HTML_EXTS | MANIFEST_EXTS \
                    and os.path.lexists(full) and os.path.exists(full):
                yield IngestError(sub, "not a regular file (a FIFO, socket or device)")  # named, never read
        elif name in manifests:
            yield from _iter_manifest(Path(full), sub, published=published, outlet=outlet,
                                      allow_outside=allow_outside)
        elif skip and Path(full).resolve() in skip:
            continue
        elif _is_candidate(full):
            yield _ingest_file(Path(full), sub, published=published, outlet=outlet)


def iter_documents(paths: Iterable[str | os.PathLike], *, published: dt.date | None = None,
                   outlet: str | None = None, allow_outside: bool = False) -> Iterator[Document | IngestError]:
    """Stream documents from files, folders (recursive, sorted, lazily walked) and JSON Lines manifests.

    Yields model.Document for each good input and model.IngestError(path, reason) for each bad one;
    never raises for a bad input. Memory does not grow with the number of documents (generators all
    the way down). `published`/`outlet` apply to every document without its own from a manifest.
    """
    for given in paths:
        shown = os.fspath(given)
        path = Path(shown)
        try:
            if shown == "-":
                yield from _iter_stdin(published=published, outlet=outlet, allow_outside=allow_outside)
            elif path.is_dir():
                yield from _walk(path, shown, frozenset(), published=published, outlet=outlet,
                                 allow_outside=allow_outside)
            elif not path.exists():
                yield IngestError(shown, "no such file or directory")
            elif path.suffix.lower() in MANIFEST_EXTS:
                yield from _iter_manifest(path, shown, published=published, outlet=outlet,
                                          allow_outside=allow_outside)
            else:
                yield _ingest_file(path, shown, published=published, outlet=outlet)
        except OSError as exc:  # e.g. a path name too long for the OS: still one line, batch goes on
            yield IngestError(shown, f"cannot read ({exc.strerror or exc})")
        except ValueError as exc:  # a NUL byte in a path given through the API
            yield IngestError(repr(shown), f"cannot read ({exc})")


def _iter_stdin(*, published: dt.date | None, outlet: str | None, allow_outside: bool = False) -> Iterator[Document | IngestError]:
    """`-`: standard input, read as a JSON Lines manifest when its first line is a JSON object (paths in it
    are relative to the working folder), else as one article (HTML when it starts with a tag), named "stdin"."""
    import sys
    import tempfile

    data = sys.stdin.buffer.read()
    head = data.lstrip()[:1]
    if head == b"{":
        with tempfile.TemporaryDirectory() as tmp:  # the manifest reader streams from a file
            manifest = Path(tmp) / "stdin.jsonl"
            manifest.write_bytes(data)
            for item in _iter_manifest(manifest, "stdin", published=published, outlet=outlet, base=Path.cwd(),
                                      allow_outside=allow_outside):
                yield item
        return
    try:
        text = decode_bytes(data)
        if head == b"<":
            body, meta = _from_html(text)
            yield _build(body, name="stdin", path="-", meta=meta, own_meta=None, cli_published=published,
                         cli_outlet=outlet, meta_source="html-meta")
        else:
            yield _build(text, name="stdin", path="-", meta=_Meta(), own_meta=None, cli_published=published,
                         cli_outlet=outlet, meta_source="none")
    except _Bad as bad:
        yield IngestError("stdin", str(bad))
