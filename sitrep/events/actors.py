"""Who did it and to whom: find the participants of an event mention and name them ACLED's way."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable, Optional

from spacy.tokens import Span as SpacySpan, Token

from sitrep.events.vocab import contains_cue, named_actors, vocab
from sitrep.geo import Gazetteer
from sitrep.records import Actor

PARTY_PLACES = {"position", "side", "camp", "base", "stronghold", "territory", "line", "post", "outpost", "hideout", "area", "checkpoint", "bunker"}
PRONOUNS = {"they", "he", "she", "it", "we", "them", "who", "which", "those", "both"}
_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    text = text.lower().replace("’", "'").replace("-", " ")
    text = re.sub(r"^(the|a|an|some|two|both|several|many|other|allied|members of|groups of)\s+", "", text)
    return _SPACE.sub(" ", text).strip()


def state_title(institution: str, code: str, cname: str) -> str:
    """'Military Forces of the Philippines', 'Government of Iraq': ACLED writes some countries
    with 'the' in these names."""
    return f"{institution} of {_country_in_titles(code) or cname}"


@functools.lru_cache(maxsize=512)
def _country_in_titles(code: str) -> str:
    # package data, the same whatever places a user adds: looked up once per country
    return Gazetteer.load().country_in_titles(code) if code else ""


@functools.lru_cache(maxsize=1)
def _named_index() -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = {}
    for entry in named_actors():
        for name in entry["names"]:
            index.setdefault(_fold(name), []).append(entry)
    return index


@dataclass
class Participant:
    """A phrase in the text that names a party to an event."""
    tokens: SpacySpan
    role: str  # "agent", "patient", "associate" (listed with an agent), "ally" (backing an agent)
    noun: str = ""  # the noun the phrase modifies, when the phrase is only an adjective ('Iraqi' of 'Iraqi and Kurdish forces')


CountryOf = Callable[[SpacySpan], Optional[tuple[str, str]]]


def phrase_for(token: Token) -> SpacySpan:
    """The words that name the party a token stands for: its entity, else its noun phrase."""
    doc = token.doc
    if token.ent_type_:
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                return _widen_to_head_noun(ent)
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "nmod", "det", "nummod", "poss") and child.i < left:
            left = min(left, child.left_edge.i if child.dep_ != "det" else child.i)
    right = token.i + 1
    while right + 1 < len(doc) and doc[right].text == "-" and not doc[right - 1].whitespace_ and not doc[right].whitespace_:
        right += 2  # 'ex-soldiers' cut in three by the tokenizer is one word
    for child in token.rights:
        # 'military forces of Artsakh', 'police of Kenya': the country that owns them
        if child.dep_ == "prep" and child.lower_ == "of" and any(
                g.ent_type_ in ("GPE", "NORP") or (g.pos_ == "PROPN" and child.i == token.i + 1 and _is_force_noun(token))
                for g in child.children):
            right = child.right_edge.i + 1
    return doc[left: right]


@functools.lru_cache(maxsize=1)
def armed_nouns() -> frozenset[str]:
    """Lemmas that name armed people of any side: 'force', 'troop', 'militant', 'militia'."""
    words = vocab()
    return frozenset(words["state_force_nouns"] | words["nonstate_armed_nouns"] | words["militia_nouns"])


def _is_force_noun(token: Token) -> bool:
    """'forces', 'troops', 'militants': a noun whose 'of X' names whose they are ('forces of Artsakh')."""
    return token.lemma_.lower() in armed_nouns()


def _possessive_owner(phrase: SpacySpan) -> Optional[SpacySpan]:
    """'its fighters' in 'JNIM said its fighters had ...': the group that owns them."""
    if not any(t.lower_ in ("its", "their") and t.dep_ == "poss" for t in phrase):
        return None
    for token in phrase.sent:
        if token.i >= phrase.start:
            break
        if token.ent_type_ in ("FORCE", "ORG") and token.dep_ in ("nsubj", "appos", "compound") or (
                token.ent_type_ in ("FORCE", "ORG") and token.head.dep_ == "nsubj"):
            return phrase_for(token)
    return None


def _widen_to_head_noun(ent: SpacySpan) -> SpacySpan:
    """'Iraqi' in 'Iraqi troops' stands for the troops, not for the country; a name the model cut
    at 'and' ('Group for Support of Islam | and Muslims') is made whole again."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "and" and doc[ent.end + 1].pos_ == "PROPN" \
            and ent.start <= doc[ent.end + 1].head.i < ent.end:
        end = ent.end + 2
        while end < len(doc) and doc[end].pos_ == "PROPN":
            end += 1
        return doc[ent.start:end]
    if ent.label_ == "NORP" and ent.end < len(doc) and ent.root.head.i >= ent.end:
        head = ent.root.head
        if head.pos_ in ("NOUN", "PROPN") and head.i - ent.end <= 2:
            return doc[ent.start: head.i + 1]
    return ent


class ActorNamer:
    """Names participants the way ACLED does: 'Military Forces of Iraq', 'Civilians (Nigeria)'."""

    def __init__(self, country_of: CountryOf):
        self.country_of = country_of  # (country code, country name) a phrase points to, if any
        self.words = vocab()

    def name(self, phrase: SpacySpan, event_country: tuple[str, str] | None, noun: str = "") -> Optional[Actor]:
        text = phrase.text.strip()
        if not text or text.lower() in PRONOUNS:
            return None
        owner = _possessive_owner(phrase)
        if owner is not None:
            named = self.name(owner, event_country)
            if named is not None and named.inter in (1, 2, 3, 4, 8):
                return named
        country = self.country_of(phrase) or event_country
        code, cname = country if country else ("", "")
        before = phrase.doc[phrase.start - 1].text if phrase.start > 0 else ""
        if before in self.words["case_sensitive_names"]:
            text = f"{before} {text}"  # 'IS militants': the parser took 'IS' for a verb
        text = _spelled_out(text, self.words)
        actor = self._named(f"{text} {noun}" if noun else text, code, cname) or self._named(text, code, cname)
        if actor is None and self.country_of(phrase) is None:
            actor = learned_actor(text)  # 'Iraqi forces' are named by the rules, never by co-occurrence
        if actor is None:
            actor = self._generic(phrase, code, cname, noun)
        commander = self._commanding_group(phrase, event_country)
        if commander is not None and (actor is None or is_coalition(commander.name)
                                      or actor.name.startswith(("Rebel Group", "Unidentified", "Militia"))):
            # ACLED codes the forces of a joint operation as the operation: 'JWS factions,
            # operating under OPS' act as Operation Peace Spring
            actor = commander
        if actor is not None:
            actor.text, actor.start, actor.end = text, phrase.start_char, phrase.end_char
        return actor

    def coordinated_states(self, phrase: SpacySpan, noun: str = "") -> list[Actor]:
        """The forces of the further countries a phrase joins to its first ('military forces of
        India and Pakistan', 'Indian and Pakistani troops'): one state force per country."""
        first = self.country_of(phrase)
        if first is None:
            return []
        found = []
        for token in phrase:
            if token.dep_ != "conj" or not phrase.start <= token.head.i < phrase.end:
                continue
            country = self.country_of(phrase.doc[token.i: token.i + 1])
            if country is None or country[0] == first[0]:
                continue
            actor = self._generic(phrase, country[0], country[1], noun)
            if actor is not None and actor.inter == 1 and actor.name not in {a.name for a in found}:
                actor.text, actor.start, actor.end = token.text, token.idx, token.idx + len(token.text)
                found.append(actor)
        return found

    def _commanding_group(self, phrase: SpacySpan, event_country) -> Optional[Actor]:
        """'opposition rebels under OPS': fighters named by the command they serve under."""
        doc = phrase.doc
        # 'rebels under OPS', 'factions, operating under OPS', 'JWS, which operates under OPS'
        heads = [phrase.root] + [c for c in phrase.root.children if c.dep_ in ("acl", "relcl")
                                 and c.lemma_.lower() in self.words["serving_verbs"]]
        for child in (c for head in heads for c in head.children):
            if child.dep_ == "prep" and child.lower_ in ("under", "within"):
                objects = [doc[o.left_edge.i: o.right_edge.i + 1] for o in child.children if o.dep_ == "pobj"]
                end = child.i + 1
                while end < len(doc) and doc[end].pos_ == "PROPN":
                    end += 1
                objects.append(doc[child.i + 1: end])  # the parser may hang 'OPS' elsewhere
                for words in objects:
                    named = self._named(words.text, *(event_country or ("", ""))) if len(words) else None
                    if named is not None and named.inter in (2, 3, 4, 8):
                        return named
        return None

    def _named(self, text: str, code: str, cname: str) -> Optional[Actor]:
        candidates = _named_within(_fold(text))
        if not candidates:
            return None
        chosen = _best_for_country(candidates, code)
        if chosen is None:
            return None
        if chosen.get("state_unit"):
            if not cname:
                return None
            force = "Police Forces" if chosen["state_unit"] == "police" else "Military Forces"
            return Actor(name=state_title(force, code, cname), inter=1, country_code=code)
        return Actor(name=chosen["actor"], inter=chosen["inter"], country_code=chosen.get("country", code))

    def _member_of(self, phrase: SpacySpan, code: str, cname: str) -> Optional[Actor]:
        """'a member of the regime's Air Force Intelligence', '2 NDS members', 'a regime's 1st
        lieutenant': people named by their place in an armed force are that force."""
        root, w = phrase.root, self.words
        lemma = root.lemma_.lower()
        if lemma not in w["member_nouns"] and lemma not in w["military_rank_nouns"]:
            return None
        doc = phrase.doc
        owners = [doc[c.left_edge.i: c.right_edge.i + 1] for c in root.children
                  if c.dep_ in ("compound", "poss") and c.pos_ in ("PROPN", "NOUN")]
        owners += [doc[g.left_edge.i: g.right_edge.i + 1] for c in root.children
                   if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        # 'of the regime's Air Force Intelligence': the unit's owner names the force
        owners += [doc[c.left_edge.i: c.right_edge.i + 1] for o in list(owners) for c in o.root.children
                   if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
        for owner in owners:
            named = self.name(owner, (code, cname) if code else None)
            if named is not None and named.inter in (1, 2, 3, 4, 8):
                if named.name.startswith("Government of"):
                    named = Actor(name=state_title("Military Forces", code, cname), inter=1, country_code=code) if cname else named
                return named
        if lemma in w["military_rank_nouns"] and cname:
            return Actor(name=state_title("Military Forces", code, cname), inter=1, country_code=code)
        return None

    def _generic(self, phrase: SpacySpan, code: str, cname: str, noun: str = "") -> Optional[Actor]:
        member = None if noun else self._member_of(phrase, code, cname)
        if member is not None:
            return member
        noun = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
        if not noun and phrase.root.tag_ in ("NNPS", "NNS") and phrase.root.lower_.endswith("s") \
                and phrase.root.lemma_.lower() not in PARTY_PLACES:
            noun = phrase.root.lower_[:-1]  # 'the Ukrainian Forces': a proper noun keeps its plural lemma
        if not noun and phrase.root.lemma_.lower() in PARTY_PLACES:
            # 'rebel positions', 'army lines': the party that holds them
            for token in phrase:
                if token is not phrase.root and token.lemma_.lower() in armed_nouns():
                    noun = token.lemma_.lower()
                elif token is not phrase.root and token.lower_ in self.words["government_adjectives"]:
                    noun = "force"  # 'the governmental positions': the state's forces hold them
        lemmas = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase} | ({noun} if noun else set())
        head = noun or phrase.root.lemma_.lower()
        where = f" ({cname})" if cname else ""
        w = self.words
        if lemmas & w["former_member_words"]:
            # 'demobilized ex-soldiers', 'retired police officers': no longer a force, civilians
            return Actor(name=f"Civilians{where}", inter=7, country_code=code)
        if head in w["government_nouns"] and cname:
            return Actor(name=state_title("Government", code, cname), inter=1, country_code=code)
        if cname and _state_unit(phrase, w):
            return Actor(name=state_title("Military Forces", code, cname), inter=1, country_code=code)
        organisation, inter = ("", 0) if self.country_of(phrase) else _armed_organisation(phrase, w)
        if organisation:
            return Actor(name=organisation, inter=inter, country_code=code)
        if lemmas & w["police_nouns"] and cname:
            return Actor(name=state_title("Police Forces", code, cname), inter=1, country_code=code)
        if head in w["force_unit_nouns"] and cname and _police_story(phrase, w):
            return Actor(name=state_title("Police Forces", code, cname), inter=1, country_code=code)
        rebel_words = lemmas & (w["nonstate_armed_nouns"] | w["rebel_modifiers"])
        if head in w["state_force_nouns"] and rebel_words and head not in rebel_words:
            head = "rebel"  # 'separatist forces', 'opposition forces': a rebel force, not the state's
        if head in w["state_force_nouns"] or (lemmas & w["state_force_nouns"] and not lemmas & w["nonstate_armed_nouns"]):
            if cname and (self.country_of(phrase) or head in {"army", "military", "soldier", "troop"}):
                return Actor(name=state_title("Military Forces", code, cname), inter=1, country_code=code)
            if cname and head in w["state_force_nouns"]:
                return Actor(name=state_title("Military Forces", code, cname), inter=1, country_code=code)
            return None
        if head in w["militia_nouns"] or lemmas & w["militia_nouns"]:
            return Actor(name=_militia_name(phrase, lemmas, w) + where, inter=4, country_code=code)
        if head in w["communal_raider_nouns"]:
            # cattle raiders are a community's armed men: 'Unidentified Communal Militia (South Sudan)'
            return Actor(name=_militia_name(phrase, lemmas | {"communal"}, w) + where, inter=4, country_code=code)
        if head in w["rioter_nouns"]:
            return Actor(name=f"Rioters{where}", inter=5, country_code=code)
        if head in w["protester_nouns"]:
            return Actor(name=f"Protesters{where}", inter=6, country_code=code)
        if head in {"rebel", "insurgent", "separatist", "guerrilla"} or (
                head in w["nonstate_armed_nouns"] and lemmas & w["rebel_modifiers"]):
            # 'opposition factions' are rebels; ACLED names a country's unnamed rebels its own way
            title = w["unnamed_rebels_by_country"].get(code, "Rebel Group")
            return Actor(name=f"{title}{where}", inter=2, country_code=code)
        if head in w["nonstate_armed_nouns"] or (head in w["armed_person_nouns"] and "armed" in lemmas):
            # 'two armed men' are armed men whatever ACLED calls the unnamed in that country
            return Actor(name=f"Unidentified Armed Group{where}", inter=3, country_code=code)
        if head in w["civilian_nouns"]:
            return Actor(name=f"Civilians{where}", inter=7, country_code=code)
        return None


def _named_within(folded: str) -> Optional[list[dict]]:
    """The longest run of words in a phrase that names a known group ('Al-Shabaab fighters').

    'an al Qaeda-linked group' names an affiliate, not al Qaeda itself."""
    index = _named_index()
    words = folded.split()
    affiliation = vocab()["affiliation_words"]
    for size in range(len(words), 0, -1):
        for start in range(0, len(words) - size + 1):
            found = index.get(" ".join(words[start:start + size]))
            opposed = start > 0 and words[start - 1] == "anti"  # 'anti-Houthi forces' fight the Houthis
            if found and not opposed and not (start + size < len(words) and words[start + size] in affiliation):
                return found
    return None


def _spelled_out(text: str, words: dict) -> str:
    """Short names that are common words once folded ('IS snipers': not the verb 'is') written out
    in full, matched only in the case they are written in (vocab.json, case_sensitive_names)."""
    for short, full in words["case_sensitive_names"].items():
        if short in text:
            text = re.sub(rf"(?<![\w-]){re.escape(short)}(?![\w-])", full, text)
    return text


_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)


def _state_unit(phrase: SpacySpan, words: dict) -> bool:
    """A numbered army unit ('the 22nd Mechanized Brigade', '4th Division') or a named state unit
    ('Special Forces'): the state's forces, not a rebel group (vocab.json, state_unit_*)."""
    doc, root = phrase.doc, phrase.root
    whole = doc[min(t.i for t in root.subtree):max(t.i for t in root.subtree) + 1]
    if any(t.lemma_.lower() in words["nonstate_armed_nouns"] or t.lower_ in ("rebel", "opposition", "insurgent")
           for t in whole):
        return False  # 'the 1st Brigade of the rebel Free Syrian Army'
    if any(name in whole.text.lower() for name in words["state_unit_names"]):
        return True
    numbered = any(_ORDINAL.match(t.text) for t in whole) or (phrase.start > 0 and _ORDINAL.match(doc[phrase.start - 1].text))
    return root.lemma_.lower() in words["state_unit_nouns"] and bool(numbered)


def _armed_organisation(phrase: SpacySpan, words: dict) -> tuple[str, int]:
    """A named armed organisation the actor list lacks, with its inter code: 'the National
    Salvation Front (NAS)' a rebel group, 'the Gulf Cartel' a gang."""
    for ent in phrase.ents:
        head = ent.root.lower_
        if ent.label_ in ("ORG", "FORCE") and head in words["armed_org_heads"] | words["gang_org_heads"] and len(ent) > 1:
            tokens = [t for t in ent if t.lower_ != "the"]
            if tokens and all(t.is_title or t.is_upper or t.is_stop or t.is_punct for t in tokens):
                return " ".join(t.text for t in tokens), 3 if head in words["gang_org_heads"] else 2
    return "", 0


def _learned_rows(file_name: str, environment: str = "") -> list[list[str]]:
    """The rows of a table `sitrep train` wrote into events/data (``$environment`` may name
    another file: one learned without the dev part); comments and blank lines left out."""
    import os
    from importlib import resources

    path = os.environ.get(environment) if environment else None
    path = path or str(resources.files("sitrep.events") / "data" / file_name)
    if not os.path.isfile(path):
        return []  # not trained yet
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1)
def _learned_index() -> dict[str, tuple[str, int]]:
    """Phrases learned from ACLED's train notes (`sitrep train`): 'pro houthi' -> the Houthis' name."""
    index: dict[str, tuple[str, int]] = {}
    for phrase, name, inter, *_ in _learned_rows("learned_actors.tsv"):
        index.setdefault(phrase, (name, int(inter)))
        index.setdefault(_phrase_variant(phrase), (name, int(inter)))
    return index


def _phrase_variant(phrase: str) -> str:
    """The phrase with its words written the learned way ('islamist insurgents' -> 'islamic militants')."""
    variants = vocab()["learned_phrase_variants"]
    return " ".join(variants.get(word, word) for word in phrase.split())


@functools.lru_cache(maxsize=1)
def _learned_defaults() -> dict[tuple[str, str, str], tuple[str, int]]:
    rows = _learned_rows("learned_default_actors.tsv", "SITREP_LEARNED_DEFAULT_ACTORS")
    return {(code, event_type, context): (name, int(inter)) for code, event_type, context, name, inter, *_ in rows}


def story_context(text: str) -> str:
    """What a report says of its unnamed attackers, which ACLED names them by: 'crime' when it
    speaks of gangs, drugs or criminals (vocab crime_cues: 'Unidentified Gang (Mexico)' after a
    drive-by), 'armed' when it says armed men or gunmen, else 'other' (a body found)."""
    if contains_cue((text or "").lower(), vocab()["crime_cues"]):
        return "crime"
    return "armed" if mentions_armed_people(text) else "other"


def mentions_armed_people(text: str) -> bool:
    """'two armed men', 'gunmen', 'militants': a report that says at least this of its attackers."""
    words = vocab()
    lower = (text or "").lower()
    return bool(contains_cue(lower, words["nonstate_armed_nouns"])
                or any(contains_cue(lower, [f"armed {noun}"]) for noun in words["armed_person_nouns"]))


def unnamed_attacker(country_code: str, event_type: str, context: str = "other") -> Optional[Actor]:
    """ACLED's name for an attacker a report does not name (or names only as armed men), where
    `sitrep train` learned one other than 'Unidentified Armed Group' for the country, event type
    and story context (see ``story_context``)."""
    found = _learned_defaults().get((country_code, event_type, context))
    return Actor(name=found[0], inter=found[1]) if found else None


def side_key(actor_name: str) -> str:
    """An actor's name without ACLED's dates and brackets, lower-cased: 'Military Forces of Yemen
    (2016-) Supreme Political Council' and sitrep's 'Military Forces of Yemen (Supreme Political
    Council)' are one key."""
    name = re.sub(r"\(\d{4}-\d{0,4}\)", " ", actor_name)
    return _SPACE.sub(" ", name.replace("(", " ").replace(")", " ")).strip().lower()


@functools.lru_cache(maxsize=1)
def _learned_opponents() -> dict[tuple[str, str], tuple[str, int]]:
    rows = _learned_rows("learned_opponents.tsv", "SITREP_LEARNED_OPPONENTS")
    return {(code, side): (name, int(inter)) for code, side, name, inter, *_ in rows}


def opponent_of(country_code: str, actor_name: str) -> Optional[Actor]:
    """The other side ACLED codes in a fight of this side in this country, where `sitrep train`
    learned that one nearly always is (the NAF against Ukraine's forces), else None."""
    found = _learned_opponents().get((country_code, side_key(actor_name)))
    return Actor(name=found[0], inter=found[1]) if found else None


BIG_CITY_POPULATION = 1_000_000
SAME_SPOT_KM = 2.0
PLACE_ACTOR_KM = 15.0  # dev fifth: 5 km 72.6% actor1, 15 km 73.1%, 25 km 73.0%


@functools.lru_cache(maxsize=1)
def _learned_place_actors() -> dict[str, list[tuple[float, float, str, int]]]:
    table: dict[str, list[tuple[float, float, str, int]]] = {}
    for _, lat, lon, code, name, inter, *_ in _learned_rows("learned_place_actors.tsv", "SITREP_LEARNED_PLACE_ACTORS"):
        table.setdefault(code, []).append((float(lat), float(lon), name, int(inter)))
    return table


def actor_at_place(country_code: str, latitude: float, longitude: float, population: int = 0) -> Optional[Actor]:
    """The side that, in ACLED's train notes, nearly always acts at this spot (within 15 km):
    who a report of violence there that names no attacker is coded to. A big city is many spots:
    only its own point speaks for it (Rio de Janeiro is not Niteroi across the bay)."""
    from sitrep.geo.relative import distance_km

    radius = PLACE_ACTOR_KM if population < BIG_CITY_POPULATION else SAME_SPOT_KM
    best: Optional[tuple[float, str, int]] = None
    for lat, lon, name, inter in _learned_place_actors().get(country_code, []):
        km = distance_km(latitude, longitude, lat, lon)
        if km <= radius and (best is None or km < best[0]):
            best = (km, name, inter)
    return Actor(name=best[1], inter=best[2]) if best else None


def learned_actor(text: str) -> Optional[Actor]:
    """The actor a learned phrase in `text` names; only runs of name-like words are looked up."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = re.findall(r"[A-Za-z0-9']+", text.replace("’", "'"))
    index = _learned_index()
    for start, word in enumerate(words):
        if not (word[0].isupper() or word.lower() == "pro") or word.lower() in STOP_WORDS:
            continue
        for size in range(min(len(words) - start, 4), 0, -1):
            phrase = " ".join(w.lower() for w in words[start:start + size])
            found = index.get(phrase) or index.get(_phrase_variant(phrase))
            if found:
                return Actor(name=found[0], inter=found[1])
    return None


@functools.lru_cache(maxsize=1)
def _coalitions() -> frozenset[str]:
    return frozenset(entry["actor"] for entry in named_actors() if entry.get("coalition"))


def is_coalition(actor_name: str) -> bool:
    """A joint operation that ACLED names as the actor of the forces serving in it."""
    return actor_name in _coalitions()


def _best_for_country(candidates: list[dict], code: str) -> Optional[dict]:
    if code:
        for entry in candidates:
            if entry.get("country") == code:
                return entry
    for entry in candidates:
        if not entry.get("country") or not code:
            return entry
    # a name that means this group only in its own country ('separatists' in Ukraine) means
    # nothing named elsewhere
    abroad = [entry for entry in candidates if not entry.get("only_in_country")]
    return abroad[0] if abroad else None


def participants(trigger: Token, symmetric: bool = False) -> list[Participant]:
    """Agents and patients of an event mention, read off the dependency parse.

    In a symmetric event (a clash, an agreement) every listed party is a side of its own."""
    found: list[Participant] = []
    verb = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass"):
        # 'Clashes between X and Y killed seven people': the verb tells the toll, not the parties
        _collect_from_noun(trigger, found)
        if trigger.dep_ == "nsubjpass":  # 'the strike was carried out by government warplanes'
            for child in trigger.head.children:
                if child.dep_ == "agent":
                    _add_objects(child, "agent", found)
        return _symmetric(found) if symmetric else found
    # a noun trigger takes its parties from the verb it hangs on ('X launched an attack on Y')
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "attr", "pobj"):
        verb = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
    _collect_from_verb(verb, found)
    if verb.lemma_.lower() in FIRING_VERBS or not any(p.role == "patient" for p in found):
        # 'fired IFVs and grenade launchers at the positions of X', where the parser took 'grenade'
        # for a second verb: the target hangs on it (the weapons fired are no patients)
        for conj in (c for c in verb.children if c.dep_ == "conj"):
            for child in conj.children:
                if child.dep_ == "prep" and child.lower_ in ("at", "upon", "against", "targeting"):
                    _add_objects(child, "patient", found)
    if not any(p.role == "patient" for p in found) and not any(c.dep_ == "dobj" for c in verb.children):
        # 'snipers targeted and wounded three policemen': the verb joined to it names the victims
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            for child in conj.children:
                if child.dep_ == "dobj":
                    _add_with_conjuncts(child, "patient", found)
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and not any(p.role == "patient" for p in found):
        # '2 members were shot and killed': the second verb shares the first one's victims
        for child in verb.head.children:
            if child.dep_ == "nsubjpass":
                _add_with_conjuncts(child, "patient", found)
    if not any(p.role == "agent" for p in found):
        # 'was shot and killed by Taliban militants': the agent hangs on the last verb of the pair
        for other in verb.conjuncts:
            for child in other.children:
                if child.dep_ == "agent":
                    _add_objects(child, "agent", found)
    if verb is not trigger:
        by_noun: list[Participant] = []
        _collect_from_noun(trigger, by_noun)
        if verb.lemma_.lower() in vocab()["repel_verbs"] and any(p.role == "agent" for p in by_noun):
            # 'Afghan forces repulsed an attack by the Taliban': the attackers act first, as ACLED
            # codes them (20 of 22 train notes); the defenders are the other side
            found[:] = by_noun + [Participant(p.tokens, "patient", p.noun) if p.role == "agent" else p for p in found]
        elif verb.lemma_.lower() in vocab()["foil_verbs"]:
            # 'pro-Hadi forces thwarted an attack of pro-Houthi forces': the defenders lead
            found.extend(Participant(p.tokens, "patient", p.noun) if p.role == "agent" else p for p in by_noun)
        else:
            found.extend(by_noun)
    else:
        for child in trigger.children:
            if child.dep_ in ("dobj",) and child.lemma_ in ("fire", "control"):
                _collect_from_noun(child, found)
    return _symmetric(found) if symmetric else found


FIRING_VERBS = frozenset({"fire", "shoot", "open"})


def _police_story(phrase: SpacySpan, words) -> bool:
    """The sentence of a unit ('their patrol') speaks of police and not of soldiers."""
    lemmas = {t.lemma_.lower() for t in phrase.sent}
    return bool(lemmas & words["police_nouns"]) and not lemmas & words["soldier_words"]


def _symmetric(found: list[Participant]) -> list[Participant]:
    return [Participant(p.tokens, "agent", p.noun) if p.role == "associate" else p for p in found]


def _reduced_passive(verb: Token) -> bool:
    """'with 4 officers arrested so far': a participle with no auxiliary and no object tells what
    was done to its subject."""
    return verb.tag_ == "VBN" and verb.dep_ == "pcomp" and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)


def _verb_read_as_modifier(verb: Token) -> bool:
    """'IS snipers targeted and wounded two policemen', which the parser reads as a noun phrase
    ('snipers [who were] targeted'): a participle on the sentence's root noun, with an object of its
    own or on the verb joined to it, is the sentence's main verb, and the noun its subject."""
    head = verb.head
    if verb.dep_ != "acl" or head.dep_ != "ROOT" or head.pos_ not in ("NOUN", "PROPN") or verb.i < head.i:
        return False
    return any(c.dep_ == "dobj" for v in (verb, *verb.conjuncts) for c in v.children)


def _collect_from_verb(verb: Token, found: list[Participant]) -> None:
    if _verb_read_as_modifier(verb):
        _add_with_conjuncts(verb.head, "agent", found)
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            _add_with_conjuncts(child, "patient" if _reduced_passive(verb) else "agent", found)
        elif child.dep_ in ("dobj", "nsubjpass"):
            _add_with_conjuncts(child, "patient", found)
        elif child.dep_ == "agent":
            _add_objects(child, "agent", found)
        elif child.dep_ == "prep" and (child.lower_ in ("against", "with", "between", "targeting", "at", "upon")
                                       or (child.lower_ == "on" and verb.lemma_.lower() in FIRING_VERBS)):
            # 'fired with unspecified weapons on the positions of X': fire lands on its target
            _add_objects(child, "patient", found)
        elif child.dep_ == "acl" and child.lemma_ in ("back", "support", "aid", "assist", "accompany", "join"):
            for grand in child.children:
                if grand.dep_ == "agent":
                    _add_objects(grand, "ally", found, conjunct_role="ally")
    # 'X backed by Y captured' puts the backing on the subject itself
    for part in list(found):
        for child in part.tokens.root.children:
            if child.dep_ == "acl" and child.lemma_ in ("back", "support", "aid", "assist", "accompany"):
                for grand in child.children:
                    if grand.dep_ == "agent":
                        _add_objects(grand, "ally", found, conjunct_role="ally")
    if verb.dep_ in ("xcomp", "conj", "advcl") and not any(p.role == "agent" for p in found):
        _collect_subject_of(verb.head, found)


def _collect_subject_of(verb: Token, found: list[Participant]) -> None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            _add_with_conjuncts(child, "agent", found)


def _collect_from_noun(noun: Token, found: list[Participant]) -> None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("between",):
            _add_objects(child, "agent", found, conjunct_role="agent")
        elif child.dep_ == "prep" and child.lower_ in ("on", "against", "targeting", "with"):
            _add_objects(child, "patient", found)
        elif child.dep_ == "prep" and (child.lower_ == "by" or (
                child.lower_ == "of" and noun.lemma_.lower() in vocab()["assault_nouns"])):
            # 'an attack by the rebels', 'repelled an attack of Boko Haram'
            _add_objects(child, "agent", found)
        elif child.dep_ in ("compound", "amod", "poss", "nmod") and (child.ent_type_ in ("NORP", "FORCE", "ORG", "GPE") or child.pos_ in ("PROPN", "NOUN")):
            found.append(Participant(_with_leader(child, noun), "agent"))  # 'Saudi-led coalition airstrikes', 'Taliban attack'
        elif child.dep_ == "poss" and child.lower_ in ("their", "its"):
            owner = _earlier_force(noun)
            if owner is not None:  # 'Taliban militants were killed when forces repulsed their attack'
                found.append(Participant(phrase_for(owner), "agent"))
        elif child.dep_ == "acl":
            # 'a shell fired from rebel positions', 'a bomb planted by militants'
            for grand in child.children:
                if grand.dep_ in ("agent",) or (grand.dep_ == "prep" and grand.lower_ == "from"):
                    _add_objects(grand, "agent", found)


def _earlier_force(noun: Token) -> Optional[Token]:
    """The force named first in the sentence before a possessed noun, other than the subject of
    the verb the noun hangs on ('their attack' after 'Taliban militants ... Afghan forces')."""
    subject = {t.i for c in noun.head.children if c.dep_ == "nsubj" for t in c.subtree}
    for token in noun.sent:
        if token.i >= noun.i:
            return None
        if token.ent_type_ == "FORCE" and token.i not in subject:
            return token
    return None


def _with_leader(child: Token, noun: Token) -> SpacySpan:
    """The modifier's phrase, with a 'Saudi-led' or 'US-backed' before it that the parser hung on
    the noun ('Saudi-led coalition airstrikes': the coalition is the Saudi-led one)."""
    phrase = phrase_for(child)
    before = [c for c in noun.children if c.dep_ == "amod" and c.i < child.i and c.pos_ == "VERB"
              and c.i > 0 and c.doc[c.i - 1].text == "-"]
    if not before:
        return phrase
    start = min(t.i for t in before[-1].subtree)
    return child.doc[min(start, phrase.start):max(phrase.end, child.i + 1)]


def _add_objects(preposition: Token, role: str, found: list[Participant], conjunct_role: str = "") -> None:
    """The objects of a preposition ('by the Taliban', 'at the positions of X') as participants."""
    for obj in preposition.children:
        if obj.dep_ == "pobj":
            _add_with_conjuncts(obj, role, found, conjunct_role=conjunct_role)


def _add_with_conjuncts(token: Token, role: str, found: list[Participant], conjunct_role: str = "") -> None:
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
        return
    # 'troops from the Counterterrorism Service, the Federal Army' -> the unit names the troops
    head = token
    # 'the positions of the Donbass People's Militia': the party that holds them
    holds = token.lemma_.lower() in PARTY_PLACES and not token.ent_type_
    conveys = token.lemma_.lower() in vocab()["conveyance_nouns"] and not token.ent_type_
    if holds or conveys or token.lower_.rstrip("s") in ("troop", "member", "fighter", "soldier", "unit", "group", "element") and not token.ent_type_:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in (("of",) if holds or conveys else ("from", "of")):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        head = obj
            # 'a vehicle carrying the leader of the Southern Resistance': who rode in it was the target
            if conveys and child.dep_ == "acl" and child.lemma_.lower() in vocab()["carrying_verbs"]:
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        head = obj
    found.append(Participant(phrase_for(head), role))
    # 'Iraqi and Kurdish forces': each adjective names a party of its own
    for child in token.children:
        if child.dep_ == "amod" and child.ent_type_ == "NORP" and any(c.dep_ == "conj" for c in child.children):
            found.append(Participant(token.doc[child.i: child.i + 1], role, noun=token.lower_))
    for conj in head.conjuncts:
        if conj.i > head.i:
            found.append(Participant(phrase_for(conj), conjunct_role or ("associate" if role == "agent" else role)))


def _militia_name(phrase: SpacySpan, lemmas: set[str], words) -> str:
    """ACLED's names for identity militias: 'Fulani Ethnic Militia', 'Okpanan Communal Militia',
    'Hawadle Clan Militia', 'Unidentified Communal Militia'; a plain 'Militia' when nothing says
    whose it is (vocab.json, militia_kind_words)."""
    kinds = words["militia_kind_words"]
    kind = next((k for k, cues in (("Clan", kinds["clan"]), ("Communal", kinds["communal"]), ("Ethnic", kinds["ethnic"]))
                 if lemmas & set(cues)), "")
    owner = _militia_owner(phrase)
    if owner is not None:
        if not kind:
            kind = "Communal" if owner.ent_type_ in ("GPE", "LOC", "FAC") else "Ethnic"
        return f"{owner.text} {kind} Militia"
    return f"Unidentified {kind} Militia" if kind else "Militia"


def _militia_owner(phrase: SpacySpan):
    """The people or place a militia belongs to: 'Tiv militias', 'militias from Umumubu',
    'militiamen from the Leelkayse clan'."""
    for token in phrase:
        if token.i < phrase.root.i and token.dep_ in ("compound", "amod", "nmod") and token.pos_ == "PROPN" \
                and token.head.i <= phrase.root.i:
            return token
        if token.lower_ == "from" and token.head.i == phrase.root.i:
            for obj in token.children:
                if obj.dep_ == "pobj":
                    named = [t for t in obj.subtree if t.pos_ == "PROPN"]
                    return named[0] if named else None
    return None

