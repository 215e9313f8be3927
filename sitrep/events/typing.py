"""Settle a mention's ACLED type and sub-type from its trigger, its parties, weapons and context."""
from __future__ import annotations

import functools
from typing import Optional

from spacy.tokens import Span as SpacySpan

from sitrep.events.vocab import contains_cue, vocab
from sitrep.records import Actor, SUB_EVENT_TO_TYPE

EXPLOSIVE_TRIGGERS = {"attack", "strike", "kill", "explosion", "airstrike", "air_strike", "bomb_verb", "shelling", "projectile", "projectile_landed", "grenade",
                      "suicide", "clash", "massacre_noun", "fire_at"}
TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}
ARMED_INTERS = {1, 2, 3, 4, 8}


def weapon_sub_type(text_lower: str) -> Optional[str]:
    """The remote-violence sub-type a sentence's weapons point to (most specific first)."""
    for name in vocab()["weapon_word_names"]:
        text_lower = text_lower.replace(name, " ")
    text_lower = _without_air_support(text_lower)
    for sub_type, cues in vocab()["weapon_cues"].items():
        if contains_cue(text_lower, cues):
            return sub_type
    return _heavy_machine_gun_fire(text_lower)


def _without_air_support(text_lower: str) -> str:
    """The text less the phrases that make air power another attack's support ('backed by
    airstrikes'), to the next comma or full stop."""
    words = vocab()
    for phrase in words["air_support_phrases"]:
        start = text_lower.find(phrase)
        while start >= 0:
            end = min([i for i in (text_lower.find(",", start), text_lower.find(".", start)) if i >= 0] or [len(text_lower)])
            if contains_cue(text_lower[start:end], words["weapon_cues"]["Air/drone strike"]):
                text_lower = text_lower[:start] + " " + text_lower[end:]
            start = text_lower.find(phrase, start + 1)
    return text_lower


def _heavy_machine_gun_fire(text_lower: str) -> Optional[str]:
    """Heavy machine guns fired with no small arms beside them are shelling in ACLED's coding
    (train notes: 25 shellings to 5 clashes; with small arms or gunfire, 109 clashes to none)."""
    words = vocab()
    rest = text_lower
    for name in words["heavy_machine_guns"]:
        rest = rest.replace(name, " ")
    if rest == text_lower or contains_cue(rest, words["direct_fire_cues"]):
        return None
    return "Shelling/artillery/missile attack"


def is_fire_fight(text_lower: str) -> bool:
    """Heavy weapons and small arms fired at the other side's positions: a battle in ACLED's
    coding, however heavy the weapons (vocab.json, direct_fire_cues)."""
    words = vocab()
    for name in words["heavy_machine_guns"]:
        text_lower = text_lower.replace(name, " heavy weapon ")
    return all(contains_cue(text_lower, words[cues]) for cues in ("heavy_weapon_cues", "direct_fire_cues", "military_target_cues"))


def is_returned_fire(text_lower: str) -> bool:
    """The other side fired back ('police responded with gunfire', 'a shoot-out broke out'): in the
    train notes such reports are armed clashes 285 times to 1 attack (vocab.json, return_fire_cues)."""
    return contains_cue(text_lower, vocab()["return_fire_cues"])


def _patrol_done(trigger_token) -> bool:
    if trigger_token is None:
        return False
    words = vocab()
    head = trigger_token.head.lemma_.lower()
    if trigger_token.dep_ in ("dobj", "nsubjpass") and head in words["patrol_verbs"]:
        return True
    return trigger_token.dep_ == "nsubj" and head in words["patrol_subject_verbs"]


def _fought_with_crowd_weapons(text_lower: str) -> bool:
    """Stones, sticks and knives, and no firearm (vocab.json, crowd_weapon_cues, firearm_cues)."""
    words = vocab()
    return contains_cue(text_lower, words["crowd_weapon_cues"]) and not contains_cue(text_lower, words["firearm_cues"])


def _named_armed_group(actors: list[Actor]) -> bool:
    return any(a.inter in (2, 4, 8) and not a.name.startswith(("Unidentified", "Militia", "Rebel Group")) for a in actors)


def _violent_death(sentence: SpacySpan, trigger_token, context: str) -> bool:
    """'the body of a man was found with gunshot wounds', 'died under torture in prison': a death
    someone dealt, told without naming who. A body found with no mark of violence is not one."""
    words = vocab()
    lemmas = {token.lemma_.lower() for token in sentence}
    if trigger_token is not None and trigger_token.lemma_.lower() == "torture":
        return bool(lemmas & set(words["death_lemmas"]))
    return bool(lemmas & set(words["discovery_lemmas"])) and bool(contains_cue(context.lower(), words["violent_death_cues"]))


def sentence_has_lemma(sentence: SpacySpan, lemma: str) -> bool:
    return any(token.lemma_ == lemma for token in sentence)


def _takes_a_place(trigger_token) -> bool:
    """The object of 'captured'/'seized' is a place: a named place or a word like town or base."""
    if trigger_token is None:
        return True
    words = vocab()["place_object_nouns"]
    objects = [c for c in trigger_token.children if c.dep_ in ("dobj", "nsubjpass")]
    if trigger_token.dep_ in ("nsubj",) and trigger_token.lemma_ == "fall":
        return True  # 'the town fell': the subject is the place
    if trigger_token.lemma_ == "fall":
        objects = [trigger_token.head] if trigger_token.head.dep_ == "nsubj" else [c for c in trigger_token.children if c.dep_ == "nsubj"]
    if trigger_token.pos_ == "NOUN":  # 'the capture of the town'
        objects = [g for c in trigger_token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        if _place_word(obj, words):
            return True
        if any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.lemma_.lower() in words for t in _phrase_of(obj)):
            return True  # 'the rest of the district', 'parts of the city'
    return False


def _place_word(token, words) -> bool:
    """A named place, or a word like town or base (``words``: place_object_nouns)."""
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lemma_.lower() in words or token.lower_ in words


def _met_with_intervention(context: str) -> bool:
    """Force used on the protest, or its people arrested at it: not arrests told as after the
    protest was over ('the protesters were detained later, after the protest was finished')."""
    force, arrests = _intervention_cues()
    if contains_cue(context, force):
        return True
    return contains_cue(context, arrests) and not contains_cue(context.lower(), vocab()["after_protest_cues"])


@functools.lru_cache(maxsize=1)
def _intervention_cues() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """intervention_cues split into force used ('tear gas') and arrests ('detained protesters')."""
    cues = vocab()["intervention_cues"]
    arrests = tuple(c for c in cues if "arrest" in c or "detain" in c)
    return tuple(c for c in cues if c not in arrests), arrests


def _arrest_told_aside(trigger_token, lowered: str) -> bool:
    """An arrest the sentence tells as background or aftermath, not as what was done at the event:
    earlier ('activists who had been detained'), asked to be undone ('demanded the release of
    those detained'), or after the protest was over ('arrested right after the protest')."""
    if contains_cue(lowered, vocab()["after_protest_cues"]):
        return True
    if trigger_token is None:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger_token.children):
        return True
    release = vocab()["release_words"]
    return any(t.lemma_.lower() in release for t in trigger_token.ancestors)


def _controls_a_place(trigger_token) -> bool:
    """What 'took control of' names is a place (a named one, or a word like village or base);
    'took control' with nothing after it says no less."""
    if trigger_token is None:
        return True
    # the parser hangs 'of' on 'control' or on the verb
    holders = [trigger_token] + [c for c in trigger_token.children if c.lower_ == "control"]
    controlled = [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
                  for g in p.children if g.dep_ == "pobj"]
    if not controlled:
        return True
    words = vocab()["place_object_nouns"]
    return any(_place_word(t, words) or (t.pos_ == "PROPN" and t.is_title) for obj in controlled for t in _phrase_of(obj))


def _phrase_of(token):
    """A noun's own phrase, without the clauses and places hung on it: in 'captured 2 operatives
    attempting to infiltrate into Ras al Ain' the town is where they were going, not what was captured."""
    yield token
    for child in token.children:
        if child.dep_ in ("acl", "relcl", "advcl", "ccomp", "xcomp"):
            continue
        if child.dep_ == "prep" and child.lower_ != "of":
            continue  # 'seized a ton of marijuana in Moinho sector': where it was, not what was taken
        yield from _phrase_of(child)


def settle_type(rule_id: str, sub_type: str, agents: list[Actor], patients: list[Actor],
                sentence: SpacySpan, context: str, trigger_token=None) -> Optional[str]:
    """The sub-event type for a mention, or None when it does not hold up as an ACLED event.

    `context` is the sentence with its neighbours, where protests find their police response.
    """
    words = vocab()
    lowered = sentence.text.lower()
    agent_inter = agents[0].inter if agents else 0
    patient_inters = {p.inter for p in patients}

    if SUB_EVENT_TO_TYPE.get(sub_type) in ("Battles", "Explosions/Remote violence", "Violence against civilians") and rule_id in EXPLOSIVE_TRIGGERS:
        weapon = weapon_sub_type(lowered)
        if weapon in ("Shelling/artillery/missile attack", "Grenade") and (
                is_fire_fight(lowered) or contains_cue(lowered, words["mutual_fire_cues"])):
            return "Armed clash"  # both sides firing: 18 of 19 train notes of shelling exchanged are clashes
        if weapon != "Air/drone strike" and is_returned_fire(context):
            return "Armed clash"  # a grenade thrown at police who fire back: ACLED codes the fight
        if weapon in ("Remote explosive/landmine/IED", "Shelling/artillery/missile attack") \
                and contains_cue(lowered, words["war_remnant_cues"]):
            return "Other"  # a mine left from an old war: no one's attack today
        if weapon:
            return weapon
        if rule_id == "attack" and sentence_has_lemma(sentence, "strike") and agent_inter not in ARMED_INTERS:
            return None  # a strike with no weapon and no armed party is a labour strike
    if rule_id == "displacement":
        # civilians driven from their homes by fighting; armed men who flee are retreating
        if agent_inter in ARMED_INTERS or not contains_cue(lowered, words["displacement_cause_words"]):
            return None
        return sub_type
    if rule_id == "found_dead":
        return "Attack" if _violent_death(sentence, trigger_token, context) else None
    if rule_id == "capture" and not _takes_a_place(trigger_token):
        return None  # 'police seized drugs', 'captured a suspect': no territory changed hands
    if rule_id == "take_control" and not _controls_a_place(trigger_token):
        return None  # 'armed men took control of a factory': a raid on a building, no territory
    if sub_type in TERRITORY or rule_id in ("take_control", "capture"):
        if agent_inter == 1:
            return "Government regains territory"
        if agent_inter in (2, 3, 4, 8):
            return "Non-state actor overtakes territory"
        if 1 in patient_inters:
            return "Non-state actor overtakes territory"
        return None  # 'the company took control of the market'
    if rule_id == "clash" and _fought_with_crowd_weapons(context) and not _named_armed_group(agents + patients):
        # 'two groups clashed and pelted stones at each other': a riot, not a battle (train notes: 24 of 25)
        return "Violent demonstration" if {a.inter for a in agents} & {5, 6} else "Mob violence"
    bare_handed = trigger_token is not None and trigger_token.lemma_.lower() in words["mob_violence_lemmas"]
    if rule_id in ("kill", "open_fire", "attack") and agent_inter == 6:
        return "Violent demonstration"  # 'the demonstrators attacked hospital workers'
    if rule_id in ("kill", "massacre_noun", "open_fire", "attack") and (
            agent_inter in (5, 7) or (bare_handed and agent_inter == 0)):
        # villagers or a mob beating or lynching someone: no armed group's attack, mob violence
        return "Mob violence"
    if rule_id in ("kill", "massacre_noun", "open_fire", "fire_at", "attack", "ambush", "clash", "exchange_fire"):
        if 7 in patient_inters or (patient_inters == set() and rule_id in ("kill", "massacre_noun", "open_fire") and agent_inter in ARMED_INTERS | {0}):
            if 6 in patient_inters:
                return "Excessive force against protesters"
            return "Attack" if agent_inter != 0 or patient_inters else None
        if 6 in patient_inters and agent_inter == 1:
            return "Excessive force against protesters" if rule_id in ("kill", "open_fire", "fire_at") else "Protest with intervention"
        if agent_inter in ARMED_INTERS and (patient_inters & ARMED_INTERS or rule_id in ("clash", "exchange_fire", "ambush")):
            return "Armed clash"
        if rule_id in ("clash", "exchange_fire") and (agents or patients):
            if {a.inter for a in agents} & {5, 6}:
                return "Violent demonstration"
            return "Armed clash"
        if rule_id in ("attack", "fire_at") and agent_inter in ARMED_INTERS and not patients:
            if trigger_token is not None and trigger_token.lemma_.lower() == "target":
                return None  # 'police raids targeted shops': what was targeted names no side
            return "Armed clash"  # 'troops fired at rebel positions'
        return None
    if SUB_EVENT_TO_TYPE.get(sub_type) == "Protests":
        if agent_inter in ARMED_INTERS:
            return None  # 'the army's march on the city' is an advance, not a protest
        if contains_cue(context, words["excessive_force_cues"]):
            return "Excessive force against protesters"
        if contains_cue(lowered, words["riot_cues"]):
            return "Violent demonstration"
        if _met_with_intervention(context):
            return "Protest with intervention"
        return "Peaceful protest"
    if sub_type == "Arrests":
        if not patients and not agents:
            return None
        if agent_inter in (5, 6, 7) or _arrest_told_aside(trigger_token, lowered):
            return None  # protesters who 'detained trucks'; activists 'who had been detained' before
        if any(p.inter == 6 for p in patients) and contains_cue(context.lower(), words["protest_scene_cues"]):
            return "Protest with intervention"  # demonstrators arrested at their protest: ACLED's protest met by force
        if agent_inter in (2, 3, 4):
            return "Abduction/forced disappearance"  # ACLED: a rebel group or militia 'arresting' people abducts them
        # soldiers who detain people act for the state's hold on a place, not against a crime
        by_the_military = agent_inter == 1 and agents[0].name.startswith("Military Forces")
        # soldiers, rebels, militiamen, protesters or a foreign force's men held: never ordinary crime
        political = by_the_military or any(p.inter in (1, 2, 3, 4, 6, 8) for p in patients) \
            or contains_cue(lowered, words["political_arrest_cues"])
        return "Arrests" if political else None  # ordinary crime is not ACLED's
    if rule_id == "loot" and agent_inter in (5, 6):
        # rioters burning or looting: ACLED codes the crowd's act as a riot (train notes: 26 of 26 arsons)
        return "Violent demonstration" if agent_inter == 6 else "Mob violence"
    if sub_type == "Headquarters or base established" and agent_inter not in ARMED_INTERS:
        return None  # 'the company opened a new base'
    if sub_type == "Change to group/activity":
        # reinforcements, patrols, defections, fortifications: an armed group changes what it does
        if agent_inter not in ARMED_INTERS and not patient_inters & ARMED_INTERS:
            return None
        if rule_id == "patrol" and not _patrol_done(trigger_token):
            return None
        return sub_type
    if sub_type == "Agreement":
        if not contains_cue(lowered, ("sign", "signed", "agree", "agreed", "reach", "reached", "accept", "accepted", "announce", "announced", "declare", "declared", "broker", "brokered", "ceasefire", "truce")):
            return None
        between_fighters = any(a.inter in (2, 3, 4) for a in agents + patients)
        if not between_fighters and not contains_cue(lowered, words["conflict_agreement_cues"]):
            return None  # a trade deal or a budget agreement
        return "Agreement"
    return sub_type


def inter_for_type(event_type: str, sub_type: str, actors: list[Actor]) -> list[Actor]:
    """Keep the parties an event of this type can have; protests need protesters first."""
    if event_type == "Protests":
        protesters = [a for a in actors if a.inter == 6]
        others = [a for a in actors if a.inter != 6]
        return protesters + others
    if event_type == "Riots":
        rioters = [a for a in actors if a.inter in (5, 6)]
        for actor in rioters:
            if actor.inter == 6:
                actor.name = actor.name.replace("Protesters", "Rioters")
                actor.inter = 5
        return rioters + [a for a in actors if a.inter not in (5, 6)]
    return actors
