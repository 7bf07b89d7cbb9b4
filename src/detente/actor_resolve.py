"""Name resolution: a mention's text ("Lukashenka", "the Kremlin", "U.S. officials") to a CAMEO-style
code and sector; slips of listed names; and guesses for names the dictionary lacks.

Entry point: `NameResolution.resolve(phrase, on)` (inherited by `ActorDictionary`).
"""
from __future__ import annotations

import datetime as dt
import re

from .actor_files import _Surface
from .actor_names import _DETERMINERS, _PREPOSITIONS, _is_english_word, _norm, _strip_the, _undouble, fold_name, \
    name_variant, roles_agree
from .model import ActorRef


# Sectors of a state's own bodies: a name of one of them ("Ministry ...", "... Court") belongs to a state
STATE_BODY_SECTORS = {"GOV", "MIL", "JUD", "LEG", "COP", "SPY"}


class NameResolution:
    """Resolution of text to actors (a mixin of `ActorDictionary`)."""

    # ------------------------------------------------------------------ resolution
    def resolve(self, phrase: str, on: dt.date | None = None) -> ActorRef | None:
        """A mention's text to a code and sector, using the role in force on `on` (None: the latest role).

        Order: a named person/organisation heading the phrase (titles before it are ignored); else the first
        country evidence (name, capital/metonym, demonym, or a possessive name: "Trump's envoy") plus the
        sector of the head noun; a bare name/capital/demonym alone. None without country evidence ("the
        envoy"), or when the head is a thing ("U.S. sanctions") or an unknown noun ("Belarusian cigarettes").
        Failing all that, a one-letter slip of a country word is corrected ("Quatar's emir"; how ends '; fuzzy: ...')."""
        if not phrase or not phrase.strip():
            return None
        text = _norm(phrase).strip(" ,;:!?\"()[]")
        if text.endswith(".") and not re.search(r"(?:^|[\s(-])(?:[A-Z]\.){2,}$", text):
            text = text.rstrip(". ")  # a sentence period, not the end of "U.S."
        if not text:
            return None
        matches = self._find(text)
        ref = self._resolve_matches(text, matches, phrase, on)
        if ref is None:  # "Quatar's emir", "Phillippines military": a one-letter slip of a country word
            fixes = self._slips(text, matches)
            if fixes:
                fixed = text
                for s, e, _word, target in reversed(fixes):
                    fixed = fixed[:s] + target + fixed[e:]
                ref = self._resolve_matches(fixed, self._find(fixed), phrase, on)
                if ref is not None:
                    note = ", ".join(f"{w} ~ {t}" for _s, _e, w, t in fixes)
                    ref = ActorRef(ref.code, ref.sector, ref.entity_text, ref.actor_id, f"{ref.how}; fuzzy: {note}")
        return ref

    def _resolve_matches(self, text: str, matches: list, phrase: str, on: dt.date | None) -> ActorRef | None:
        """`resolve` once the known forms in `text` are found."""
        if not matches and (text.islower() or text.isupper()):
            surf = self._folded.get(self._strip_determiners(text).casefold())
            if surf:
                matches = [(0, len(text), surf, False)]
        if not matches:
            return None
        # 1. a named person/organisation that is the head ("U.S. Special Envoy John Coale")
        skipped: set[int] = set()
        for i, (s, e, surf, poss) in enumerate(matches):
            if surf.kind == "actor" and not poss and self._heads_phrase(text[e:]):
                local = self._national_body(text, matches[i - 1], s, e, surf, phrase, on) if i else None
                if local is None and self._tail_of_longer_name(text, s, e, matches[i - 1][1] if i else 0):
                    skipped.add(i)  # "the Supreme National Security Council": a longer name ending in an IGO body's
                    continue
                return local or self._named(surf.key, phrase, on)
        matches = [m for i, m in enumerate(matches) if i not in skipped]
        if not matches:
            return None
        # 2. the rest of the phrase: sector words and the head noun
        rest = self._remainder(text, matches)
        first = matches[0][2]
        code = self._code_of(first, on)
        if code is None:
            return None
        head, sector = self._head_and_sector(rest)
        if head == "__thing__":
            return None
        if head is None:  # nothing but the country evidence itself
            if first.kind == "actor":  # "Trump's": the possessor alone
                return self._named(first.key, phrase, on)
            if first.kind in ("capital", "metonym"):
                return ActorRef(code, "GOV", phrase, None, "metonym")
            if first.kind == "people":
                return ActorRef(code, "CVL", phrase, None, "demonym")
            if first.kind == "adj":
                return ActorRef(code, None, phrase, None, "demonym")
            return ActorRef(code, self.countries[code].get("sector"), phrase, None, "country")
        if sector is None:
            return None  # an unknown common noun as head: "Belarusian cigarettes"
        return ActorRef(code, sector, phrase, None, "role")

    def _tail_of_longer_name(self, text: str, start: int, end: int, since: int = 0) -> bool:
        """Whether the bare IGO/NGO body name at text[start:end] ends a longer capitalised name ("the Supreme
        National Security Council" is no UN Security Council)."""
        return text[start:end] in self._generic_forms and bool(
            re.search(r"(?<![\w.])(?!The\b)[A-Z][\w-]*\s+$", text[since:start]))

    def _national_body(self, text: str, prev: tuple, start: int, end: int, surf: _Surface, phrase: str,
                       on: dt.date | None) -> ActorRef | None:
        """"the Russian Security Council", "the Iranian Red Crescent": a country word right before the
        bare name of an IGO body or transnational NGO names that country's own body of the same kind."""
        if text[start:end] not in self._generic_forms or prev[2].kind not in ("country", "adj", "people", "capital",
                                                                              "metonym"):
            return None
        gap = text[prev[1]:start]
        if prev[3]:
            gap = re.sub(r"^'s?", "", gap)
        role = self.role_on(surf.key, on)
        # "Iran's Supreme National Security Council": capitalised words between make it that country's own body
        if not re.fullmatch(r"(?:\s+[A-Z][\w-]*)*\s*", gap) or role is None:
            return None
        return ActorRef(prev[2].code, role.get("sector"), phrase, None, "role")

    # ------------------------------------------------------------------ one-letter slips
    _SLIP_WORD = re.compile(r"(?<![\w.'])[A-Z][^\W\d_A-Z]{5,}(?!\w)")
    _NEXT_NAME = re.compile(r"(?:'s?)?\s+([A-Z][\w.'-]*)")
    _PREV_NAME = re.compile(r"([A-Z][\w.'-]*)\s+$")

    def _slips(self, text: str, matches: list) -> list[tuple[int, int, str, str]]:
        """(start, end, word, country word) for each capitalised word of `text` that no known form covers and
        that is a one-letter slip of a country name, capital or demonym ("Ethopia" ~ "Ethiopia"). A word next
        to another unknown capitalised word is left alone: it is likely part of a person's name."""
        out = []
        for m in self._SLIP_WORD.finditer(text):
            if any(s <= m.start() < e for s, e, _surf, _poss in matches):
                continue
            target = self._slip_target(m.group(0))
            if target is None:
                continue
            before, after = self._PREV_NAME.search(text[:m.start()]), self._NEXT_NAME.match(text[m.end():])
            if any(n and not set(fold_name(n.group(1)).split()) <= self._context_words for n in (before, after)):
                continue
            out.append((m.start(), m.end(), m.group(0), target))
        return out

    def _slip_target(self, word: str) -> str | None:
        """The one country word `word` is a slip of: Damerau-Levenshtein distance 1 or the same but for a
        doubled letter, same first and last letter, and `word` itself neither a known name nor an English
        word (pyspellchecker's list, proper nouns included: "Columbia", "Siberia", "Indiana" stay apart).
        Cached per word: resolve runs on every noun phrase."""
        if word in self._slip_cache:
            return self._slip_cache[word]
        from rapidfuzz.distance import DamerauLevenshtein

        low, target = fold_name(word), None
        if low not in self._known_words:
            found = {orig for t, orig in self._slip_vocab.get(low[0], ())
                     if t[-1] == low[-1] and abs(len(t) - len(low)) <= 2
                     and (DamerauLevenshtein.distance(low, t, score_cutoff=1) <= 1 or _undouble(t) == _undouble(low))}
            if len(found) == 1 and not _is_english_word(low):
                target = found.pop()
        self._slip_cache[word] = target
        return target

    _HALF_BEFORE = re.compile(r"(?<![\w.])([A-Z][\w']*)-$")
    _HALF_AFTER = re.compile(r"-([A-Z][\w']*)")

    def _half_name(self, text: str, start: int, end: int) -> bool:
        """Whether a listed name at text[start:end] is hyphened to a capitalised word the dictionary does not
        know ("Zaghari-Ratcliffe"), not to another listed name ("the Trump-Lukashenko call")."""
        other = self._HALF_BEFORE.search(text, 0, start) or self._HALF_AFTER.match(text, end)
        return other is not None and other.group(1) not in self._surfaces

    def _find(self, text: str) -> list[tuple[int, int, _Surface, bool]]:
        """Known surface forms in `text`, leftmost-longest, with whether each is a possessive."""
        out = []
        assert self._surface_re is not None
        for m in self._surface_scanner().finditer(text):
            surf = self._surfaces[m.group(0)]
            if surf.key.startswith("person:") and self._half_name(text, m.start(), m.end()):
                continue  # "Zaghari-Ratcliffe": half of another person's double-barrelled name (name_spans.py)
            poss = bool(re.match(r"'s?(?!\w)", text[m.end():]))
            out.append((m.start(), m.end(), surf, poss))
        return out

    def _surface_scanner(self) -> re.Pattern:
        """`_surface_re` behind a look-ahead for the first letters of the known forms (regex_gate.py): the same
        matches, a third of the CPU (it runs on every noun phrase). Built on first use, once per dictionary."""
        if self.__dict__.get("_scanner_of") is not self._surface_re:
            from .regex_gate import first_char_guard

            self._surface_guarded, self._scanner_of = first_char_guard(self._surface_re), self._surface_re
        return self._surface_guarded

    @staticmethod
    def _strip_determiners(text: str) -> str:
        words = text.split()
        while words and words[0].lower() in _DETERMINERS:
            words.pop(0)
        return " ".join(words)

    @staticmethod
    def _remainder(text: str, matches: list) -> str:
        """The phrase with the matched forms (and their possessive endings) cut out."""
        pieces, pos = [], 0
        for s, e, _surf, poss in matches:
            pieces.append(text[pos:s])
            pos = e
            if poss:
                pos += len(re.match(r"'s?", text[e:]).group(0))
        pieces.append(text[pos:])
        rest = " ".join(pieces)
        rest = re.sub(r"(?<!\w)[-\u2013\u2014/](?!\w)|(?<=\w)[-\u2013\u2014/](?!\w)|(?<!\w)[-\u2013\u2014/]", " ", rest)
        rest = re.sub(r"[,;:()\"]", " ", rest)
        return re.sub(r"\s+", " ", rest).strip()

    def _head_and_sector(self, rest: str) -> tuple[str | None, str | None]:
        """Head noun of what is left of a phrase once the country evidence is cut out, and its sector.

        Returns (None, None) when nothing is left, ('__thing__', None) for a non-actor head ("sanctions"),
        (head, None) for an unknown common-noun head ("cigarettes"), (head, SECTOR) for a role. English
        noun phrases put the head last, before any prepositional tail ("leader of the opposition")."""
        words = rest.split()
        while words and words[0].lower() in _DETERMINERS:
            words.pop(0)
        if not words:
            return None, None
        assert self._sector_re is not None
        found = [m.group(0) for m in self._sector_re.finditer(" ".join(words).lower())]
        term_words = {w for t in found for w in t.split()}
        idx = next((i for i, w in enumerate(words) if i > 0 and w.lower() in _PREPOSITIONS), len(words))
        head_words = words[:idx]
        while head_words and head_words[-1].lower() in _DETERMINERS:
            head_words.pop()
        if head_words and head_words[-1][:1].isupper() and head_words[-1].lower() in self.water_names:
            return "__thing__", None  # "the South China Sea": a place named after a country, not the country
        # trailing capitalised words that are no sector term are an unknown name: "... Kestutis Budrys"
        while head_words and head_words[-1][:1].isupper() and head_words[-1].lower() not in term_words:
            head_words.pop()
        if not head_words:
            return (None, None) if not found else ("", self._best_sector(found))
        head = head_words[-1].lower()
        if head in self.not_actors or " ".join(head_words[-2:]).lower() in self.not_actors:
            return "__thing__", None
        if head in term_words or head in self.partitives:
            return (head, self._best_sector(found)) if found else (head, None)
        return head, None

    def _best_sector(self, found: list[str]) -> str:
        """Longest sector phrase first, then the sector listed earliest in `precedence`."""
        rank = {s: i for i, s in enumerate(self.precedence)}
        best = max(found, key=lambda t: (len(t.split()), -rank.get(self._sector_of[t], len(rank))))
        return self._sector_of[best]

    @staticmethod
    def _heads_phrase(tail: str) -> bool:
        """True when nothing after a name (up to a comma or preposition) is a common noun: the name is the head
        ("Coale, who ..." yes; "RFE/RL journalist", "Trump administration" no)."""
        tail = re.split(r"[,;:()]", tail, maxsplit=1)[0]
        for w in re.findall(r"[A-Za-z][\w'-]*", tail):
            if w.lower() in _PREPOSITIONS:
                return True
            if w[:1].islower() and w.lower() not in _DETERMINERS:
                return False
        return True

    # ------------------------------------------------------------------ actors nobody listed
    def near(self, name: str, limit: int = 5, undone: bool = False) -> list[tuple[str, float, str]]:
        """Named actors whose name or alias `name` may be a misspelling or another transliteration of:
        [(actor key, score 0..1, reason)], best first. A one-word name is also compared with the surnames of
        multi-word names. Joins the user undid are left out unless `undone`."""
        from rapidfuzz import fuzz, process

        folded = fold_name(name)
        if not folded:
            return []
        forms = self._name_forms(len(folded.split()) == 1)
        best: dict[str, tuple[float, str]] = {}
        # every variant name_variant accepts scores >= 70 on plain ratio: let rapidfuzz pick those first
        for _f, _score, i in process.extract(folded, self._folded_forms(forms), scorer=fuzz.ratio, score_cutoff=69,
                                             limit=None):
            _f, key, form = forms[i]
            if (folded, key) in self.unjoins and not undone:
                continue
            hit = name_variant(name, form)
            if hit and (key not in best or hit[0] > best[key][0]):
                best[key] = hit
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        return [(key, score, reason) for key, (score, reason) in ranked[:limit]]

    def _folded_forms(self, forms: list[tuple[str, str, str]]) -> list[str]:
        """The folded forms of `_name_forms`, listed once per list (rapidfuzz's choices; a new list of
        thousands for each name looked up was a third of `near`)."""
        cache = self.__dict__.setdefault("_folded_cache", {})
        if id(forms) not in cache or cache[id(forms)][0] is not forms:
            cache[id(forms)] = (forms, [f for f, _k, _o in forms])
        return cache[id(forms)][1]

    def _name_forms(self, surnames: bool) -> list[tuple[str, str, str]]:
        """(folded form, actor key, form) for every name and alias; with `surnames`, also the last word of
        multi-word names, so a lone surname finds its actor."""
        cache = self.__dict__.setdefault("_forms_cache", {})
        if surnames not in cache:
            out = []
            for key, entry in self.actors.items():
                forms = [_strip_the(_norm(str(f)))[0] for f in [entry["name"], *(entry.get("aliases") or [])]]
                if surnames:
                    forms += [f.split()[-1] for f in forms if len(f.split()) > 1]
                out += [(fold_name(f), key, f) for f in dict.fromkeys(forms)]
            cache[surnames] = out
        return cache[surnames]

    def joined(self, name: str) -> str | None:
        """The actor key a user-accepted join maps `name` to, if any."""
        return self.joins.get(fold_name(name))

    def variant_of(self, text: str, context: ActorRef | None, on: dt.date | None = None) -> ActorRef | None:
        """The listed actor a name the dictionary lacks is another spelling of ("John Cole" for John Coale),
        when what the context says of it (`context`, from `guess`) fits that actor's role on `on`; None
        otherwise, or when the user undid the join (`unjoins`). `detente actors joins` lists each join."""
        if context is None or not context.code:
            return None
        for key, _score, reason in self.near(text):
            role = self.role_on(key, on) or {}
            if roles_agree(context.code, context.sector, role.get("code"), role.get("sector")):
                return ActorRef(role["code"], role.get("sector"), text, key,
                                f"variant of {self.actors[key]['name']}: {reason}; context {context.how}")
        return None

    def guess(self, text: str, sentence: str, on: dt.date | None = None) -> ActorRef | None:
        """A code and sector for a name the dictionary lacks, read from its context in `sentence`.

        Cues, nearest first: a title or apposition naming a country and a role ("U.S. Special Envoy Jane
        Roe", "Jane Roe, Lithuania's foreign minister", "Jane Roe, a Polish diplomat"), the organisation the
        person works for ("Belavia's chief executive Jane Roe", "Jane Roe of Belavia"), a nationality
        adjective with an organisation word ("the Latvian airline airBaltic"), and words of the name itself
        ("... Airlines", "... Human Rights Centre"). Returns an ActorRef with how='guess:<cue>' and no
        actor_id, or None when nothing around the name says which country it belongs to."""
        name = _norm(text).strip(" ,;:\"'()[]")
        sent = _norm(sentence)
        if not name:
            return None
        at = sent.find(name)
        own_sector = self._name_sector(name)
        cues: list[tuple[str, str | None, str]] = []  # (code, sector, cue)
        if at >= 0:
            left, right = sent[:at], sent[at + len(name):]
            cues += self._left_cues(left, on)
            cues += self._right_cues(right, on)
        inside = self._phrase_cue(name, on, "name")  # "Latvian Railways": the name carries its country
        if inside:
            cues.append(inside)
        if own_sector in STATE_BODY_SECTORS:
            # "the Ministry for Foreign Affairs, EU Relations and Trade": an international body named in or beside a
            # state body's name is its portfolio, not its owner (no international body has a ministry)
            cues = [c for c in cues if c[0] not in self.igo_codes]
        if not cues:
            return None
        with_sector = [c for c in cues if c[1]]
        code, sector, cue = with_sector[0] if with_sector and not own_sector else cues[0]
        if own_sector and (sector is None or cue in ("nationality", "org")):
            sector, cue = own_sector, f"{cue}+name"
        return ActorRef(code, sector, text, None, f"guess:{cue}")

    def _name_sector(self, name: str) -> str | None:
        """The sector an organisation's own name announces ("Belarusian Helsinki Committee" -> NGO)."""
        low = f" {name.lower()} "
        for sector in self.precedence + [s for s in self.name_words if s not in self.precedence]:
            if any(f" {w.lower()} " in low for w in self.name_words.get(sector, [])):
                return sector
        return None

    def _phrase_cue(self, phrase: str, on: dt.date | None, cue: str) -> tuple[str, str | None, str] | None:
        """(code, sector, cue) from a context phrase: resolved whole, else its first country or named
        organisation (the person works for it: 'Belavia's new chief' -> Belavia's code and sector)."""
        phrase = phrase.strip(" ,;:\"'()[]-")
        if not phrase:
            return None
        ref = self.resolve(phrase, on)
        if ref is not None:
            if ref.actor_id and ref.actor_id.startswith("person:"):
                return None  # "Lukashenko's Jane Roe"? a person is no employer we can read a code from
            kind = "org" if ref.actor_id else ("nationality" if ref.sector is None else cue)
            return ref.code, ref.sector, kind
        for _s, _e, surf, _poss in self._find(phrase):
            if self._tail_of_longer_name(phrase, _s, _e):
                continue  # "Supreme National Security Council": not the UN's
            if surf.kind == "actor" and surf.key.startswith("org:"):
                role = self.role_on(surf.key, on)
                if role:
                    return role["code"], role.get("sector"), "org"
            elif surf.kind != "actor":
                code = self._code_of(surf, on)
                if code:
                    return code, None, "nationality"
        return None

    _CONTEXT_WORD = re.compile(r"[\w.'-]+|[^\w\s]")

    def _left_cues(self, left: str, on: dt.date | None) -> list[tuple[str, str | None, str]]:
        """The title run right before a name ("... met U.S. Special Envoy"): capitalised words and role
        words back to the first other word or punctuation; the shortest ending that resolves wins."""
        # "Iran-born Ahmadi": where one was born is no nationality (dual nationals are told so by it)
        words = self._CONTEXT_WORD.findall(re.sub(r"[\w.'-]+-born\s*$", " born ", left))
        run: list[str] = []
        role_words = {w for term in self._sector_of for w in term.split()}
        if len(words) >= 2 and words[-1] == "," and words[-2].lower() in role_words:
            words = words[:-1]  # "released Iranian diplomat, Jane Roe": the name is the role's apposition
        for w in reversed(words):
            bare = w.rstrip(".")
            if w[:1].isupper() or bare.lower() in role_words or bare.lower() in self.partitives:
                run.insert(0, w)
            elif re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)+", w):
                run.insert(0, w)
            else:
                break
        for i in range(len(run) - 1, -1, -1):
            found = self._phrase_cue(" ".join(run[i:]), on, "title")
            if found:
                return [found]
        return []

    def _right_cues(self, right: str, on: dt.date | None) -> list[tuple[str, str | None, str]]:
        """An apposition (", Lithuania's foreign minister,") or the organisation after 'of'/'from'/'at'."""
        # (", in exchange for a Belgian aid worker": a phrase after the comma that opens with a preposition is
        # no apposition, and the nationality in it is someone else's)
        m = re.match(r"\s*,(?!\s*(?:in|for|on|at|after|before|with|from|to|by|under|over|during|as|against)\b)"
                     r"([^,;:()]+)", right)
        if m:
            phrase = re.split(r"\b(?:who|which|that|said|says|told|has|had|is|was|will|would)\b", m.group(1))[0]
            found = self._phrase_cue(phrase, on, "apposition")
            if found and (found[1] or found[2] == "nationality"):
                return [found]
        m = re.match(r"\s+(?:of|from|at|with)\s+([^,;:()]+)", right)
        if m:
            phrase = re.split(r"\b(?:who|which|that|said|says|told|has|had|is|was|will|would|and)\b", m.group(1))[0]
            found = self._phrase_cue(phrase, on, "org")
            if found:
                return [(found[0], found[1], "org")]
        return []

    def surfaces(self) -> dict[str, str]:
        """Every surface form and the key it resolves to (for `explain` and tests)."""
        return {form: surf.key for form, surf in self._surfaces.items()}

