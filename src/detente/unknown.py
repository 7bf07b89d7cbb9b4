"""Actors nobody listed: people and organisations the stored articles name but the dictionary lacks.

`unknown_actors` reads the stored documents again, keeps the PERSON/ORG entities (and nationality +
role-noun phrases) that the dictionary cannot resolve, groups them by name across articles, proposes a
code and sector from their context (`ActorDictionary.guess`) and joins name variants (Coale/Cole,
Kalesnikava/Kolesnikova) to a listed actor or to each other when the context agrees.

`survey` also counts, for each of them, the stored mentions that wait for it (the coder keeps an act whose
doer the dictionary lacks, with no event), and lists the waiting doers that name no person or organisation
("Yoruba leaders").

What the user decides is kept in a small YAML file in the dictionary schema (by default
`detente-actors.yaml` next to the store): `actors:` entries added with `add_actor`, accepted `joins:` and
undone `unjoins:`. The pipeline reads it like the shipped data; `detente recode --waiting` applies it to
the stored articles.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .actors import EXTRA_CODES, ActorDictionary, ActorDictionaryError, fold_name, name_variant, roles_agree
from .model import ActorRef
from .speech_words import speech_words

USER_FILE = "detente-actors.yaml"
LABELS = ("PERSON", "ORG")
# Credit lines name the journalists, not actors of the story: "(Reporting by X; Editing by Y)", "By X".
CREDIT = re.compile(r"(?i)\b(?:reporting|writing|editing|edited|compiled|additional reporting|photos?|photograph(?:y)?|"
                    r"illustration|translated)\s+by\b")
BYLINE = re.compile(r"^\W*By\s+[A-Z]")
ROLE_DEPS = ("nsubj", "nsubjpass", "appos")
# A role noun names people: agent suffixes (ombudsman, negotiator, activist, envoys) or the subject of a
# speech verb. A heuristic, because the small spaCy model has no word vectors or noun classes to ask.
PERSON_NOUN = re.compile(r"(?:er|or|ist|ian|man|woman|person|ent|ant|ee|ary|arch|crat)s?$|(?:men|women|people)$")
SPEECH_VERBS = speech_words("speaking_subject_verbs")  # data/speech.yaml


@dataclass
class Sighting:
    """One sentence that names the actor."""

    doc: str
    sentence: str
    text: str  # the name as written there
    how: str = ""  # the cue that coded it there (guess:title ...), "" when the sentence alone says nothing


@dataclass
class Join:
    """A name variant joined (or not) to a listed actor or to another unlisted name."""

    name: str  # the variant as written
    actor_id: str  # person:coale / org:belavia, or unlisted:<folded name>
    actor_name: str
    score: float
    reason: str  # one-letter slip (Coale/Cole) | transliteration variant (...) | given name of ...
    context: str  # what the context says against the candidate: "USA GOV here, USA GOV in the dictionary"
    # proposed (context agrees) | accepted (user) | undone (user) | rejected (context disagrees) |
    # unconfirmed (nothing in the context says either way: not joined)
    status: str
    sightings: list[Sighting] = field(default_factory=list)


@dataclass
class UnknownActor:
    name: str
    kind: str  # person | organisation | role | phrase (a waiting doer that names no person or organisation)
    count: int
    code: str | None
    sector: str | None
    how: str  # the cue behind the proposal, e.g. guess:title; "" when nothing proposes a code
    variants: list[str] = field(default_factory=list)
    sightings: list[Sighting] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    waiting: int = 0  # stored mentions whose doer it is: they make events once the dictionary lists it

    @property
    def joined_to(self) -> str | None:
        """The listed actor this name is joined to (a proposed or accepted join), if any."""
        return next((j.actor_id for j in self.joins if j.status in ("proposed", "accepted")
                     and not j.actor_id.startswith("unlisted:")), None)


def default_actors_file(db: str | os.PathLike) -> Path:
    """The user actor file next to the store."""
    return Path(db).resolve().parent / USER_FILE


def _actor_files(actors_file: str | os.PathLike | None) -> tuple[str, ...]:
    return (str(Path(actors_file).resolve()),) if actors_file and Path(actors_file).is_file() else ()


def _clean(text: str) -> str:
    """'Vladimir]' -> 'Vladimir', 'Belavia’s' -> 'Belavia'."""
    text = re.sub(r"[\u2019']s?$", "", text.strip())
    return re.sub(r"\s+", " ", text.strip(" \t\n,;:\"'()[]{}\u201c\u201d\u2018\u2019-")).strip()


class ArticleGuesser:
    """Guesses within one article: a later mention ("Kalnina said") reuses what the first full mention
    ("Latvian Special Envoy Ilze Kalnina") resolved to, since an article introduces a person once."""

    def __init__(self, actors: ActorDictionary, on: dt.date | None = None):
        self.actors, self.on = actors, on
        self.full: list[str] = []  # folded multi-word names in order of appearance
        self.refs: dict[str, ActorRef] = {}

    def key(self, text: str) -> str:
        """The folded full name a mention stands for: a lone surname maps to the last full name ending in it."""
        folded = fold_name(text)
        if " " not in folded:
            for full in reversed(self.full):
                if full.split()[-1] == folded or full.split()[0] == folded and len(folded) > 3:
                    return full
        elif folded not in self.full:
            self.full.append(folded)
        return folded

    def guess(self, text: str, sentence: str) -> ActorRef | None:
        key = self.key(text)
        ref = self.actors.guess(text, sentence, self.on)
        if ref is not None:
            self.refs.setdefault(key, ref)
            return ref
        earlier = self.refs.get(key)
        if earlier is None:
            return None
        return ActorRef(earlier.code, earlier.sector, text, None, f"guess:earlier mention ({earlier.entity_text})")


@dataclass
class _Group:
    kind: str
    names: Counter = field(default_factory=Counter)
    sightings: list[Sighting] = field(default_factory=list)
    refs: list[ActorRef] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)
    cooccur: set[str] = field(default_factory=set)  # listed people named in the same articles


def _scan(db: str, actors: ActorDictionary, actor_files: tuple[str, ...], include_credits: bool
          ) -> tuple[dict[str, _Group], dict[str, list[Sighting]]]:
    """Unresolved names grouped by folded full name, and the sightings of user-accepted joins."""
    from .parse import get_nlp
    from .store import Store

    with Store(db, read_only=True) as store:
        docs = store.documents()
    role_words = {w for term in actors._sector_of for w in term.split()}
    groups: dict[str, _Group] = {}
    accepted: dict[str, list[Sighting]] = {}
    nlp = get_nlp(actor_files)
    for sdoc, doc in nlp.pipe(((d.text, d) for d in docs), as_tuples=True, batch_size=8):
        on = doc.published
        article = ArticleGuesser(actors, on)
        named = {e.ent_id_ for e in sdoc.ents if e.label_ == "ACTOR" and e.ent_id_.startswith("person:")}
        seen: list[tuple] = []
        for ent in sdoc.ents:
            sent = ent.sent.text.strip()
            if ent.label_ == "ACTOR" and actors.joined(_clean(ent.text)):
                accepted.setdefault(fold_name(_clean(ent.text)), []).append(
                    Sighting(doc.name, sent, ent.text, "join"))
                continue
            if ent.label_ not in LABELS:
                continue
            text = _clean(ent.text)
            if len(text) < 2 or not re.search(r"[A-Z]", text) or text.lower() in role_words:
                continue
            if not include_credits and (CREDIT.search(sent) or (BYLINE.match(sent) and len(sent.split()) <= 12)):
                continue
            ref = actors.resolve(text, on)
            if ref is not None:
                if actors.joined(text):
                    accepted.setdefault(fold_name(text), []).append(Sighting(doc.name, sent, ent.text, "join"))
                continue
            guess = article.guess(text, sent)
            seen.append((article.key(text), text, ent, sent, guess))
        # One name in one article is one actor; across articles, one name only when the contexts agree
        # (an envoy and a hockey coach may share a name): the group key carries the proposed code.
        code_of: dict[str, str] = {}
        for key, _text, _ent, _sent, guess in seen:
            if guess is not None:
                code_of.setdefault(key, guess.code)
        for key, text, ent, sent, guess in seen:
            g = groups.setdefault(f"{key}|{code_of.get(key, '?')}",
                                  _Group("person" if ent.label_ == "PERSON" else "organisation"))
            g.names[text] += 1
            g.sightings.append(Sighting(doc.name, sent, ent.text, guess.how if guess else ""))
            if guess is not None:
                g.refs.append(guess)
            if on:
                g.dates.append(on)
            g.cooccur |= named
        for tok in sdoc:  # nationality + a role noun the sector lists lack: "the Latvian ombudsman said"
            if tok.pos_ != "NOUN" or tok.dep_ not in ROLE_DEPS or tok.ent_type_:
                continue
            if tok.lower_ in role_words or {tok.lower_, tok.lemma_.lower()} & actors.not_actors:
                continue
            if not (PERSON_NOUN.search(tok.lower_) or (tok.dep_ == "nsubj" and tok.head.lemma_ in SPEECH_VERBS)):
                continue  # "American concessions will not be enough": a thing, not a participant
            adjs = [c for c in tok.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]
            if not adjs:
                continue
            phrase = sdoc[adjs[0].i:tok.i + 1].text
            adj_ref = actors.resolve(adjs[0].text, on)
            if adj_ref is None or actors.resolve(phrase, on) is not None:
                continue
            key = f"role:{adj_ref.code}:{tok.lemma_.lower()}"
            g = groups.setdefault(key, _Group("role"))
            g.names[phrase] += 1
            g.sightings.append(Sighting(doc.name, tok.sent.text.strip(), phrase, "guess:nationality"))
            g.refs.append(ActorRef(adj_ref.code, None, phrase, None, "guess:nationality"))
    # a name no article gave a context for joins the one coded group of that name, if there is exactly one
    for key in [k for k in groups if k.endswith("|?")]:
        name = key[:-2]
        coded = [k for k in groups if k.startswith(name + "|") and k != key]
        if len(coded) == 1:
            g, into = groups.pop(key), groups[coded[0]]
            into.names.update(g.names)
            into.sightings += g.sightings
            into.dates += g.dates
            into.cooccur |= g.cooccur
    return groups, accepted


def _proposal(g: _Group) -> tuple[str | None, str | None, str]:
    """The code and sector most mentions agree on, and the cue of the first mention that gave them."""
    if not g.refs:
        return None, None, ""
    (code, sector), _n = Counter((r.code, r.sector) for r in g.refs if r.sector).most_common(1)[0] \
        if any(r.sector for r in g.refs) else Counter((r.code, None) for r in g.refs).most_common(1)[0]
    how = next(r.how for r in g.refs if r.code == code and r.sector == sector)
    return code, sector, how


def _label(code: str | None, sector: str | None) -> str:
    return f"{code or '?'} {sector or '?'}"


def _display(g: _Group) -> str:
    """The name as most often written; the longest spelling when counts tie (a full name beats a surname)."""
    return max(g.names, key=lambda n: (len(n.split()) > 1, g.names[n], len(n)))


def unknown_actors(db: str, min_count: int = 1, actors_file: str | os.PathLike | None = None,
                   include_credits: bool = False) -> list[UnknownActor]:
    """People, organisations and roles in the stored articles that the dictionary does not resolve, most
    frequent first, each with the code proposed from its context, its sentences and its join candidates.

    `actors_file` (default: the user file next to the store, when it exists) adds the user's entries and
    joins. Names joined to each other (one-letter slips, transliterations) count as one actor."""
    return survey(db, min_count, actors_file, include_credits).actors


@dataclass
class Survey:
    """What `detente actors --unknown` shows."""

    actors: list[UnknownActor]  # people, organisations and roles nobody listed, each with its waiting mentions
    phrases: list[UnknownActor]  # doers of waiting mentions that none of them names ("Yoruba leaders")
    listed_since: int = 0  # waiting mentions whose doer the dictionary lists now: `recode --waiting` applies it


def survey(db: str, min_count: int = 1, actors_file: str | os.PathLike | None = None,
           include_credits: bool = False, include_rejected: bool = False) -> Survey:
    """The unknown actors (see `unknown_actors`), each with the number of stored mentions waiting for it,
    and the doers of waiting mentions that none of them names ("Yoruba leaders", "the Azadliq coalition"),
    as actors of kind `phrase`, most frequent first. Names the analyst rejected (`reject_name`) are left
    out unless `include_rejected`."""
    seen = _survey(db, min_count, actors_file, include_credits)
    if include_rejected:
        return seen
    gone = rejected_names(db)
    if not gone:
        return seen
    return Survey([u for u in seen.actors if fold_name(u.name) not in gone],
                  [u for u in seen.phrases if fold_name(u.name) not in gone], seen.listed_since)


# --- names the analyst rejected: not actors to list (kept in the store, so the CLI and the web agree) ----
REJECTED_SCHEMA = "CREATE TABLE IF NOT EXISTS rejected_names (name VARCHAR PRIMARY KEY, who VARCHAR, rejected_at TIMESTAMP)"


def reject_name(db: str, name: str, who: str | None = None, undo: bool = False) -> bool:
    """Mark a name of the unknown-actor queue as not an actor to list (or, `undo`, put it back). Returns
    whether anything changed. The name is kept folded, as the queue compares names."""
    from .store import Store

    folded = fold_name(name)
    if not folded:
        raise ValueError(f"not a name: {name!r}")
    with Store(db) as store:
        store.con.execute(REJECTED_SCHEMA)
        before = store.con.execute("SELECT count(*) FROM rejected_names WHERE name = ?", [folded]).fetchone()[0]
        if undo:
            store.con.execute("DELETE FROM rejected_names WHERE name = ?", [folded])
            return bool(before)
        store.con.execute("INSERT OR REPLACE INTO rejected_names VALUES (?, ?, ?)",
                          [folded, (who or "").strip()[:80] or None, dt.datetime.now()])
        return not before


def rejected_names(db: str) -> dict[str, tuple[str | None, dt.datetime]]:
    """Folded name -> (who, when) of every rejected name (empty for a store that has none)."""
    from .store import Store

    with Store(db, read_only=True) as store:
        if not store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'rejected_names'"
                                 " AND schema_name = 'main'").fetchone()[0]:
            return {}
        return {r[0]: (r[1], r[2]) for r in store.con.execute(
            "SELECT name, who, rejected_at FROM rejected_names ORDER BY name").fetchall()}


def _survey(db: str, min_count: int, actors_file: str | os.PathLike | None, include_credits: bool) -> Survey:
    if actors_file is None:
        actors_file = default_actors_file(db)
    files = _actor_files(actors_file)
    actors = ActorDictionary.load(files)
    groups, _accepted = _scan(db, actors, files, include_credits)
    found = _resolve_groups(groups, actors, 1)  # a rare name still claims its waiting mentions
    listed = {fold_name(f) for f, key in actors.surfaces().items() if key.startswith(("person:", "org:"))}
    phrases: dict[str, _Group] = {}
    since = 0
    for m, text in _waiting(db):
        folded = fold_name(text)
        if _names_any(folded, listed):
            since += 1
            continue
        hits = [u for u in found if _names_any(folded, {fold_name(v) for v in (u.name, *u.variants)})]
        for u in hits:
            u.waiting += 1
        if not hits:
            g = phrases.setdefault(re.sub(r"^(?:the|a|an) ", "", folded), _Group("phrase"))
            g.names[text] += 1
            g.sightings.append(Sighting(m.doc_name, m.sentence, text, f"{m.event} {m.mode or ''}".strip()))
    waiting = [UnknownActor(_display(g), "phrase", len(g.sightings), None, None, "",
                            sorted(g.names, key=lambda n: -g.names[n]), g.sightings, waiting=len(g.sightings))
               for g in phrases.values() if len(g.sightings) >= min_count]
    waiting.sort(key=lambda u: (-u.count, u.name))
    return Survey([u for u in found if u.count >= min_count], waiting, since)


def _names_any(folded: str, names: set[str]) -> bool:
    """Whether a folded phrase has one of these folded names as whole words (a doer phrase is short)."""
    words = folded.split()
    return any(" ".join(words[i:j]) in names for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def _waiting(db: str) -> list[tuple]:
    """The stored mentions whose doer the dictionary lacks, with the words naming it (unnamed ones left out)."""
    from .store import Store

    with Store(db, read_only=True) as store:
        mentions = store.unresolved_mentions()
    return [(m, ref.entity_text) for m in mentions for ref in m.actor[:1] if ref.entity_text]


def _resolve_groups(groups: dict[str, _Group], actors: ActorDictionary, min_count: int) -> list[UnknownActor]:
    proposals = {k: _proposal(g) for k, g in groups.items()}
    # 1. variants of one another among the unlisted names: join the rarer into the commoner when both agree
    keys = sorted(groups, key=lambda k: -sum(groups[k].names.values()))
    merged_into: dict[str, str] = {}
    for i, a in enumerate(keys):
        if a in merged_into or groups[a].kind == "role":
            continue
        for b in keys[i + 1:]:
            if b in merged_into or groups[b].kind != groups[a].kind:
                continue
            hit = name_variant(_display(groups[b]), _display(groups[a]))
            if hit is None:
                continue
            ca, sa, _ = proposals[a]
            cb, sb, _ = proposals[b]
            target = f"unlisted:{fold_name(_display(groups[a]))}"
            undone = (fold_name(_display(groups[b])), target) in actors.unjoins
            agrees = roles_agree(cb, sb, ca, sa)
            status = "undone" if undone else "proposed" if agrees else "unconfirmed" if None in (ca, cb) \
                else "rejected"
            join = Join(_display(groups[b]), target, _display(groups[a]), hit[0], hit[1],
                        f"{_label(cb, sb)} here, {_label(ca, sa)} there", status, list(groups[b].sightings))
            groups[a].joins.append(join)
            if status == "proposed":
                merged_into[b] = a
                g = groups[a]
                g.names.update(groups[b].names)
                g.sightings += groups[b].sightings
                g.refs += groups[b].refs
                g.dates += groups[b].dates
            else:
                groups[b].joins.append(join)
    out = []
    for key, g in groups.items():
        if key in merged_into:
            continue
        code, sector, how = _proposal(g)
        name = _display(g)
        # 2. variants of a listed actor: proposed when the context agrees with the actor's role on the day
        if g.kind != "role":
            # the user's undo holds for every spelling of the actor: "John Coal" undone is "Coal" undone too
            undone_ids = {key for v in g.names for (f, key) in actors.unjoins if f == fold_name(v)}
            for variant in sorted(g.names, key=lambda n: (-g.names[n], -len(n))):
                for actor_id, score, reason in actors.near(variant, undone=True):
                    if any(j.actor_id == actor_id for j in g.joins):
                        continue
                    role = actors.role_on(actor_id, max(g.dates) if g.dates else None) or {}
                    agrees = roles_agree(code, sector, role.get("code"), role.get("sector"))
                    status = "undone" if actor_id in undone_ids else "proposed" if agrees \
                        else "unconfirmed" if code is None else "rejected"
                    g.joins.append(Join(variant, actor_id, actors.actors[actor_id]["name"], score, reason,
                                        f"{_label(code, sector)} here, {_label(role.get('code'), role.get('sector'))}"
                                        " in the dictionary", status,
                                        [s for s in g.sightings if fold_name(_clean(s.text)) == fold_name(variant)]))
            # a lone given name of someone the article names ("[Vladimir] Putin"), or of the only listed
            # person so named when the article names a relative ("Tsikhanouski's wife Sviatlana")
            if g.kind == "person" and " " not in name and not any(j.status == "proposed" for j in g.joins):
                g.joins += _given_name_joins(name, g, actors)
        count = len(g.sightings)
        if count < min_count:
            continue
        g.joins.sort(key=lambda j: (j.status != "proposed", -j.score))
        out.append(UnknownActor(name, g.kind, count, code, sector, how, sorted(g.names, key=lambda n: -g.names[n]),
                                g.sightings, g.joins))
    out.sort(key=lambda u: (-u.count, u.name))
    return out


def _given_name_joins(name: str, g: _Group, actors: ActorDictionary) -> list[Join]:
    folded = fold_name(name)

    def given(key: str) -> bool:
        entry = actors.actors[key]
        return any(len(f.split()) > 1 and fold_name(f.split()[0]) == folded
                   for f in [str(x) for x in [entry["name"], *(entry.get("aliases") or [])]])

    def surname(key: str) -> str:
        return fold_name(str(actors.actors[key]["name"]).split()[-1])

    found = []
    named = [k for k in sorted(g.cooccur) if given(k)]
    if named:
        found = [(k, f"given name of {actors.actors[k]['name']}, named in the same article", "same article")
                 for k in named]
    else:
        everyone = [k for k in actors.actors if k.startswith("person:") and given(k)]
        if len(everyone) == 1:
            k = everyone[0]
            kin = [c for c in sorted(g.cooccur) if surname(c)[:6] == surname(k)[:6]]
            if kin:
                found = [(k, f"given name of {actors.actors[k]['name']}, the only listed person so named",
                          f"the article names {actors.actors[kin[0]]['name']}, of the same family name")]
    return [Join(name, k, actors.actors[k]["name"], 0.9, reason, context,
                 "undone" if (folded, k) in actors.unjoins else "proposed", list(g.sightings))
            for k, reason, context in found]


def joins(db: str, actors_file: str | os.PathLike | None = None, include_rejected: bool = False) -> list[Join]:
    """Every join of a name variant: proposed by the context, accepted or undone by the user (and, with
    `include_rejected`, the candidates the context speaks against), each with the sentences behind it."""
    if actors_file is None:
        actors_file = default_actors_file(db)
    files = _actor_files(actors_file)
    actors = ActorDictionary.load(files)
    groups, accepted = _scan(db, actors, files, include_credits=False)
    found = []
    for folded, key in actors.joins.items():
        name = actors.join_names[folded]
        found.append(Join(name, key, actors.actors[key]["name"], 1.0, "accepted by the user", "", "accepted",
                          accepted.get(folded, [])))
    seen = set()
    for u in _resolve_groups(groups, actors, 1):
        for j in u.joins:
            if (fold_name(j.name), j.actor_id) in seen:
                continue
            seen.add((fold_name(j.name), j.actor_id))
            if j.status != "rejected" or include_rejected:
                found.append(j)
    return found


# ------------------------------------------------------------------------------------------ the user file
def _read_user(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ActorDictionaryError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict):
        raise ActorDictionaryError(f"{path}: expected a mapping at the top level")
    return data


HEADER = ("# detente user actors: entries in the schema of src/detente/data/actors.yaml, plus accepted `joins`\n"
          "# and undone `unjoins` of name variants. Use with: detente ingest --actors THIS_FILE\n")


def _write_user(path: Path, data: dict) -> None:
    """Write the user file, then load it with the dictionary; on any error put the old file back."""
    old = path.read_bytes() if path.exists() else None
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None),
                   encoding="utf-8")
    tmp.replace(path)
    try:
        ActorDictionary.load([path])
    except ActorDictionaryError:
        if old is None:
            path.unlink()
        else:
            path.write_bytes(old)
        raise


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_name(name)).strip("-") or "actor"


def add_actor(name: str, code: str, sector: str, title: str | None = None, path: str | os.PathLike = USER_FILE,
              kind: str = "person", aliases: list[str] | tuple[str, ...] = (), start: str | None = None) -> str:
    """Add a person or organisation to the user file in the dictionary schema; returns its id.
    Raises ActorDictionaryError (one line) for an unknown code or sector or a name another entry owns."""
    path = Path(path)
    actors = ActorDictionary.load(_actor_files(path))
    name = re.sub(r"\s+", " ", name).strip()
    if not name:
        raise ActorDictionaryError("the actor needs a name")
    if code not in actors.countries and code not in EXTRA_CODES:
        raise ActorDictionaryError(f"unknown code {code!r}: use an ISO-3166 alpha-3 code or an IGO code from countries.yaml")
    if sector not in actors.sectors:
        raise ActorDictionaryError(f"unknown sector {sector!r}: one of {', '.join(sorted(actors.sectors))}")
    if kind not in ("person", "organisation"):
        raise ActorDictionaryError(f"unknown type {kind!r}: person or organisation")
    owner = actors.surfaces().get(name)
    if owner is not None:
        raise ActorDictionaryError(f"{name!r} is already listed as {owner}")
    data = _read_user(path)
    ident, n = _slug(name), 1
    taken = {k.split(":", 1)[1] for k in actors.actors}
    while ident in taken:
        n += 1
        ident = f"{_slug(name)}-{n}"
    role = {"code": code, "sector": sector, "title": title or "", "start": start, "end": None}
    entry = {"id": ident, "name": name, "type": kind, "aliases": list(aliases), "roles": [role]}
    data["actors"] = [*(data.get("actors") or []), entry]
    _write_user(path, data)
    return ident


def accept_join(name: str, actor_id: str, path: str | os.PathLike = USER_FILE) -> str:
    """Record that `name` is another spelling of a listed actor (it then resolves to it); returns the key."""
    path = Path(path)
    actors = ActorDictionary.load(_actor_files(path))
    key = actors._actor_key(actor_id)
    if key not in actors.actors:
        raise ActorDictionaryError(f"no actor {actor_id!r} in the dictionary")
    data = _read_user(path)
    folded = fold_name(name)
    data["unjoins"] = [u for u in data.get("unjoins") or [] if fold_name(str(u.get("name", ""))) != folded]
    data["joins"] = [*(j for j in data.get("joins") or [] if fold_name(str(j.get("name", ""))) != folded),
                     {"name": name, "actor": key}]
    for section in ("joins", "unjoins"):
        if not data[section]:
            del data[section]
    _write_user(path, data)
    return key


def unjoin(name: str, db: str | None = None, path: str | os.PathLike | None = None,
           actor_id: str | None = None) -> list[str]:
    """Undo the join of `name`: an accepted one in the user file, or the ones the stored articles propose.
    Returns the actor keys it is no longer joined to; raises ActorDictionaryError when nothing is joined."""
    if path is None:
        if db is None:
            raise ActorDictionaryError("unjoin needs the store or the actor file")
        path = default_actors_file(db)
    path = Path(path)
    actors = ActorDictionary.load(_actor_files(path))
    folded = fold_name(name)
    targets = []
    if folded in actors.joins:
        targets.append(actors.joins[folded])
    if db is not None and Path(db).exists():
        for j in joins(db, path):
            if fold_name(j.name) == folded and j.status == "proposed":
                targets.append(j.actor_id)
    if actor_id:
        targets = [t for t in targets if t in (actor_id, actors._actor_key(actor_id))] or \
            ([actors._actor_key(actor_id)] if actors._actor_key(actor_id) in actors.actors else [])
    targets = list(dict.fromkeys(targets))
    if not targets:
        raise ActorDictionaryError(f"{name!r} is not joined to any actor (see `detente actors joins`)")
    data = _read_user(path)
    data["joins"] = [j for j in data.get("joins") or [] if fold_name(str(j.get("name", ""))) != folded]
    if not data["joins"]:
        del data["joins"]
    have = {(fold_name(str(u.get("name", ""))), str(u.get("actor"))) for u in data.get("unjoins") or []}
    data["unjoins"] = [*(data.get("unjoins") or []), *({"name": name, "actor": t} for t in targets
                                                        if (folded, t) not in have)]
    _write_user(path, data)
    return targets


def drop_alias(alias: str, actor_id: str, path: str | os.PathLike = USER_FILE) -> str:
    """Undo a join made by a dictionary alias: the user file gets its own copy of the entry without that
    spelling (an entry of the user file replaces the shipped one with the same id). Returns the actor key."""
    path = Path(path)
    actors = ActorDictionary.load(_actor_files(path))
    key = actors._actor_key(actor_id)
    entry = actors.actors.get(key)
    if entry is None:
        raise ActorDictionaryError(f"no actor {actor_id!r} in the dictionary")
    aliases = [a for a in entry.get("aliases") or [] if fold_name(a) != fold_name(alias)]
    if len(aliases) == len(entry.get("aliases") or []):
        raise ActorDictionaryError(f"{alias!r} is not a listed spelling of {key}")
    data = _read_user(path)
    mine = {k: entry[k] for k in ("id", "name", "type", "roles") if k in entry}
    mine["aliases"] = aliases
    data["actors"] = [*(a for a in data.get("actors") or [] if str(a.get("id")) != entry["id"]), mine]
    _write_user(path, data)
    return key
