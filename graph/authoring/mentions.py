"""What each paragraph of a new source mentions: known records, new names and roles, dates,
figures, and relation and claim words. Suggestions only: nothing here is taken as a fact.

Names are read in text order, so that what a paragraph calls "the force" or "Mr Rhodes" is
resolved by what the text named before: the last-mentioned force, the person of that surname.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

import ahocorasick
from rdflib import URIRef

from graph.authoring.gazetteer import Gazetteer, Known, Match
from graph.authoring.hints import Hints
from graph.model.namespaces import OG
from graph.model.nearest import nearest

_MONTHS = [m for m in calendar.month_name if m]
_MONTH = "|".join(_MONTHS)
_DATES = [  # (pattern, how to write what it matched as a calendar value)
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH}),? (\d{{4}})\b"), lambda m: f"{m[3]}-{_month(m[2])}-{int(m[1]):02d}"),
    (re.compile(rf"\b({_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b"), lambda m: f"{m[3]}-{_month(m[1])}-{int(m[2]):02d}"),
    (re.compile(rf"\b({_MONTH}) (\d{{4}})\b"), lambda m: f"{m[2]}-{_month(m[1])}"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH})\b|\b({_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?\b"), lambda m: None),
    (re.compile(r"\b(1[89]\d\d|20\d\d)\b"), lambda m: m[1]),
]
_FIGURE = re.compile(r"(?<![\w£])£?\d[\d,]*(?:\.\d+)?%?(?:\s+(?:per cent|[a-z]+))?")
_WORD = r"[A-Z][\w-]*(?:[’']s(?=\s+[a-z]))?"
_CONNECTORS = r"(?:\s+(?:of|and|for|of the|on the|in)\s+|\s+)"
_NAME = re.compile(rf"\b[A-Z][\w-]*(?:{_CONNECTORS}[A-Z][\w-]*)*")
NEAR_MATCH = 93
"""How close (rapidfuzz WRatio, of 100) a new name must be to a known one to be offered as
perhaps the same: "Andrea Leadsome" is Andrea Leadsom; another county's PCC is not."""
_LEADING = ("The ", "A ", "An ", "In ", "On ", "After ", "But ", "When ", "At ", "By ", "For ", "Last ", "His ", "Her ")


def _month(name: str) -> str:
    return f"{_MONTHS.index(name) + 1:02d}"


@dataclass
class Proposal:
    """A record `new` proposes for a name the data does not know."""
    id: str
    name: str
    cls: URIRef | None
    why: str
    paragraphs: list[int] = field(default_factory=list)
    maybe: list[Known] = field(default_factory=list)
    """Known records with a near name (rapidfuzz): perhaps the same, for a person to judge."""
    speaks_for: Known | Proposal | None = None
    """For a role ("a Home Office spokesman"): the body it speaks for, as the text places it."""


@dataclass
class Notes:
    """What one paragraph mentions."""
    number: int
    known: list[tuple[str, Known, str]] = field(default_factory=list)
    ambiguous: list[tuple[str, list[Known]]] = field(default_factory=list)
    proposed: list[tuple[str, Proposal]] = field(default_factory=list)
    dates: list[tuple[str | None, str]] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    relations: list[tuple[str, list[URIRef]]] = field(default_factory=list)
    claims: list[tuple[str, str]] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.known or self.ambiguous or self.proposed or self.dates or self.figures or self.relations)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "record"


def _word_starts(words) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word.lower(), word)
    automaton.make_automaton()
    return automaton


class Reader:
    def __init__(self, gazetteer: Gazetteer, hints: Hints, not_same: set[frozenset[str]] = frozenset()):
        self.gazetteer, self.hints, self.not_same = gazetteer, hints, not_same
        self.vocab = gazetteer.vocab
        self.proposals: dict[str, Proposal] = {}
        self.recent: list[Known | Proposal] = []
        nouns: dict[str, set[URIRef]] = {}
        for cls in self.vocab.classes:
            if self.vocab.is_subclass(cls, OG.Actor) and cls != OG.Actor:
                nouns.setdefault(self.vocab.label(cls).split()[-1].lower(), set()).add(cls)
        self.generic = {f"the {noun}": classes for noun, classes in nouns.items()}
        self._generic_phrase = re.compile(r"\bthe (" + "|".join(map(re.escape, sorted(nouns, key=len, reverse=True))) + r")\b", re.I)
        self.titles = sorted(hints.titles, key=len, reverse=True)
        self.endings = sorted(hints.name_endings, key=len, reverse=True)
        self.relation_words = _word_starts(hints.relations)
        self.claim_words = _word_starts(hints.claims)

    # -- one paragraph ----------------------------------------------------------------------
    def read(self, number: int, text: str) -> Notes:
        notes = Notes(number)
        spans: list[tuple[int, int]] = []
        events: list[tuple[int, str, object]] = []
        for match in self.gazetteer.find(text):
            if match.text.lower() not in self.generic:
                events.append((match.start, "known", match))
                spans.append((match.start, match.end))
        for m in self._generic_phrase.finditer(text):
            if not any(m.start() < e and s < m.end() for s, e in spans):
                events.append((m.start(), "generic", m.group(0)))
                spans.append((m.start(), m.end()))
        names: list[tuple[int, int]] = []
        for m in _NAME.finditer(text):
            name, start = m.group(0), m.start()
            while name.startswith(_LEADING):
                cut = name.index(" ") + 1
                name, start = name[cut:], start + cut
            for part, offset in self._split(name):
                begin = start + offset
                if not any(begin < e and s < begin + len(part) for s, e in spans):
                    events.append((begin, "name", (part, text[begin + len(part):begin + len(part) + 80])))
                    names.append((begin, begin + len(part)))
        self._placed: list[tuple[int, int, Known | Proposal]] = []
        for start, kind, what in sorted(events, key=lambda e: e[0]):
            before = len(self.recent)
            getattr(self, f"_{kind}")(notes, what)
            if len(self.recent) > before:
                length = len(what.text) if isinstance(what, Match) else len(what if isinstance(what, str) else what[0])
                self._placed.append((start, start + length, self.recent[-1]))
        self._roles(notes, text, spans)
        self._dates_and_figures(notes, text)
        named = spans + names  # "Complaints" in a body's name is no relation word
        notes.relations = self._words(self.relation_words, text, self.hints.relations, named)
        notes.claims = self._words(self.claim_words, text, self.hints.claims, named)
        return notes

    def _roles(self, notes: Notes, text: str, spans: list[tuple[int, int]]) -> None:
        """Unnamed people by role: "a Home Office spokesman", "a spokeswoman for the IOPC"."""
        for title in (t for t in self.titles if t[0].islower()):
            for m in re.finditer(rf"\b{re.escape(title)}\b", text):
                if any(s <= m.start() < e for s, e in spans):
                    continue
                body = next((ent for s, e, ent in self._placed if 0 <= m.start() - e <= 1), None) or next(
                    (ent for s, e, ent in self._placed if re.fullmatch(r"\s+for\s+(the\s+)?", text[m.end():s])), None)
                if body is None:
                    continue
                label = body.label if isinstance(body, Known) else body.name
                proposal = self._add(notes, f"{label} {title}", f"{label} {title}", self.hints.titles[title],
                                     f'the role "{title}"')
                proposal.speaks_for = body
                proposal.maybe = [k for k in proposal.maybe if k is not body]

    def _split(self, name: str) -> list[tuple[str, int]]:
        """A run of capitalised words split at ' and ' unless the name is one ("Police and Crime Panel")."""
        if " and " in name and not any(" and " in e.lower() and e.lower() in name.lower()
                                       for e in (*self.endings, *self.titles)):
            parts, offset = [], 0
            for piece in name.split(" and "):
                parts.append((piece, offset))
                offset += len(piece) + 5
            return [(p, o) for p, o in parts if p]
        return [(name, 0)]

    def _known(self, notes: Notes, match: Match) -> None:
        candidates = list(match.candidates)
        if len(candidates) > 1:
            mentioned = [k for k in reversed(self.recent) if isinstance(k, Known) and k in candidates]
            if not mentioned:
                notes.ambiguous.append((match.text, candidates))
                return
            candidates = mentioned[:1]
            how = "in context"
        else:
            how = "by name"
        self._resolved(notes, match.text, candidates[0], how)

    def _resolved(self, notes: Notes, text: str, known: Known, how: str) -> None:
        notes.known.append((text, known, how))
        self.recent.append(known)

    def _generic(self, notes: Notes, phrase: str) -> None:
        classes = self.generic[phrase.lower()]
        for entity in reversed(self.recent):
            if entity.cls is not None and any(self.vocab.is_subclass(entity.cls, c) for c in classes):
                if isinstance(entity, Known):
                    self._resolved(notes, phrase, entity, "in context")
                else:
                    self._propose_again(notes, phrase, entity)
                return
        known = self.gazetteer.by_name.get(phrase.lower(), ())  # "the force" is some force's alias
        notes.ambiguous.append((phrase, [self.gazetteer.records[i] for i in sorted(known)]))

    def _name(self, notes: Notes, found: tuple[str, str]) -> None:
        name, after = found
        title = next((t for t in self.titles if name.startswith(t + " ")), None)
        person = name[len(title) + 1:] if title else name
        trailing = next((t for t in self.titles if person.endswith(" " + t)), None)
        if trailing:  # "John Beggs QC" is John Beggs
            person = person[:-len(trailing) - 1]
        titled = re.search(r"\s+(?:of|for|in|on the|of the)\s+(?=(?:" + "|".join(map(re.escape, self.titles)) + r")\s)", person)
        if not title and titled:  # "Lawyers for Mr Hardwick": the titled name is the one to read
            return self._name(notes, (person[titled.end():], after))
        if title and re.match(r"(of|for|and|in)\b", person):
            title, person = None, name  # "Police and Crime Commissioner for X" is a post, not a person
        rest = re.search(r"\s+(?:of the|on the|of|for|in)\s+", person) if title else None
        if rest:  # "Chief Constable Neil Rhodes of Lincolnshire Police": a person, then a body
            person, name, after = person[:rest.start()], name[:len(title) + 1 + rest.start()], ""
            self._name(notes, (found[0][len(name) + rest.end() - rest.start():], found[1]))
        if title in self.hints.title_objects:  # "MP for Lincoln": the title's holder is named elsewhere
            return self._add(notes, name, person, self.hints.title_objects[title], f'named after "{title}"')
        if not title and " " not in person and not (person.isupper() and len(person) > 2 and person not in self.hints.titles):
            return  # a lone capitalised word: a sentence's first word as often as a name
        if title and " " not in person:  # "Mr Rhodes": the person of that surname named before
            earlier = [e for e in reversed(self.recent) if isinstance(e, Proposal) and e.name.split()[-1] == person
                       or isinstance(e, Known) and e.label.split()[-1] == person]
            known = earlier[:1] or self.gazetteer.person_by_surname(person)
            if len(known) == 1:
                entity = known[0]
                return self._resolved(notes, name, entity, "by surname") if isinstance(entity, Known) \
                    else self._propose_again(notes, name, entity)
        self._add(notes, name, person, *self._class_of(name, person, title, after))

    def _add(self, notes: Notes, name: str, person: str, cls: URIRef | None, why: str) -> Proposal:
        key = slug(person)
        proposal = self.proposals.get(key)
        if proposal is None:
            proposal = Proposal(self._new_id(key), person, cls, why)
            proposal.maybe = [k for n in nearest(person.lower(), self.gazetteer.by_name, 3, cutoff=NEAR_MATCH)
                              for k in (self.gazetteer.records[i] for i in sorted(self.gazetteer.by_name[n]))
                              if frozenset((proposal.id, k.id)) not in self.not_same]
            self.proposals[key] = proposal
        elif proposal.cls is None and cls is not None:
            proposal.cls, proposal.why = cls, why
        self._propose_again(notes, name, proposal)
        return proposal

    def _propose_again(self, notes: Notes, text: str, proposal: Proposal) -> None:
        if notes.number not in proposal.paragraphs:
            proposal.paragraphs.append(notes.number)
        notes.proposed.append((text, proposal))
        self.recent.append(proposal)

    def _new_id(self, key: str) -> str:
        taken = {k.id for k in self.gazetteer.records.values()} | {p.id for p in self.proposals.values()}
        candidate, n = key, 2
        while candidate in taken:
            candidate, n = f"{key}_{n}", n + 1
        return candidate

    def _class_of(self, name: str, person: str, title: str | None, after: str) -> tuple[URIRef | None, str]:
        if title:
            return self.hints.titles[title], f'the title "{title}"'
        trailing = next((t for t in self.titles if name.endswith(" " + t)), None)
        if trailing:  # "John Beggs QC"
            return self.hints.titles[trailing], f'the title "{trailing}"'
        lower = name.lower()
        for ending in self.endings:
            if lower.endswith(" " + ending.lower()) or lower == ending.lower() or lower.startswith(ending.lower() + " for ") \
                    or lower.startswith(ending.lower() + " of "):
                return self.hints.name_endings[ending], f'"{ending}" in the name'
        following = re.match(r",\s+(?:(?:the|a|an)\s+(?:[a-z-]+\s+)?)?(" + "|".join(map(re.escape, self.titles)) + r")\b", after)
        if following:
            return self.hints.titles[following[1]], f'"{following[1]}" after the name'
        return None, "no title or name ending says"

    def _dates_and_figures(self, notes: Notes, text: str) -> None:
        taken: list[tuple[int, int]] = []
        for pattern, value in _DATES:
            for m in pattern.finditer(text):
                if not any(m.start() < e and s < m.end() for s, e in taken):
                    taken.append(m.span())
                    notes.dates.append((value(m), m.group(0)))
        for m in _FIGURE.finditer(text):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                notes.figures.append(m.group(0))

    @staticmethod
    def _words(automaton: ahocorasick.Automaton, text: str, meanings: dict, named: list[tuple[int, int]]) -> list:
        lower, found = text.lower(), {}
        for end, start_word in automaton.iter(lower):
            start = end - len(start_word) + 1
            if start > 0 and lower[start - 1].isalnum() or any(s <= start < e for s, e in named):
                continue
            stop = end + 1
            while stop < len(lower) and lower[stop].isalpha():
                stop += 1
            found.setdefault(text[start:stop], meanings[start_word])
        return list(found.items())
