"""Partner names: the matching key, and names that are *probably* the same partner.

Two names with the same `normalise_partner_name` are the same partner everywhere (grid, shared
partners). Looser likenesses are only suggested, each with a reason the tovholder can read:

- ``same_text``: the same letters with other case, spacing or punctuation ("Park Skole" / "Parkskole");
- ``danish_letters``: æ/ae, ø/oe/o, å/aa/a, ä, ö, ü, é ("Århus Kommune" / "Aarhus Kommune",
  "Nørrebro Bibliotek" / "Norrebro Bibliotek");
- ``word_form``: the same words in another form ("Helhedsplanen" / "helhedsplan",
  "Den boligsociale helhedsplan" / "Boligsocial helhedsplan");
- ``abbreviation``: initials or a shortened word ("KK" / "Københavns Kommune",
  "Kbh. Kommune" / "Københavns Kommune");
- ``part_of_name``: a short name that is part of a longer one ("Kommunen" / "Københavns Kommune",
  "Helhedsplanen" / "Boligsocial helhedsplan", "SSP" / "SSP-samarbejdet",
  "Boligsocial helhedsplan" / "Boligsocial helhedsplan Mjølnerparken");
- ``typo``: one letter off (two in long names), but never names that differ only in a number or a
  one-letter word ("Skole A" / "Skole B", "B93" / "B1903").

Nothing here merges: `erfakit.core.partners.merge_partner_names` does, when the tovholder says so.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations

from erfakit.core.model import Partner
from erfakit.texts import text

_PUNCTUATION = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"})
# Only articles that open a name; English "a" is left out, it is also a label ("Skole A").
_ARTICLES = frozenset({"den", "det", "de", "the"})
_SMALL_WORDS = frozenset({"og", "i", "for", "af", "på", "til", "med", "and", "of", "in"})
# Danish definite and plural endings, longest first; stripped repeatedly to a common stem, so
# "kommunen", "kommune" and "kommuner" meet at "kommu" and "helhedsplanen" and "helhedsplan" at
# "helhedspla". Both sides are stemmed the same way, so an odd stem does not matter.
_ENDINGS = ("erne", "ene", "ens", "er", "en", "et", "ne", "e", "n", "t", "s")
_MIN_STEM = 3
_MIN_COMPOUND_END = 5


class MergeReason(StrEnum):
    """Why two partner names are probably the same partner, strongest first."""

    SAME_TEXT = "same_text"
    DANISH_LETTERS = "danish_letters"
    WORD_FORM = "word_form"
    ABBREVIATION = "abbreviation"
    PART_OF_NAME = "part_of_name"
    TYPO = "typo"


_REASON_ORDER = {reason: position for position, reason in enumerate(MergeReason)}


@dataclass(frozen=True)
class MergeSuggestion:
    """Two spellings that are probably one partner: rename `replace` to `keep`?

    `keep` is the proposal (the more used spelling, the one with Danish letters, or the longer,
    more specific name); the form may offer to swap. Counts are partner rows using each name.
    """

    keep: str
    replace: str
    reason: MergeReason
    keep_count: int = 1
    replace_count: int = 1

    def describe(self, lang: str = "da") -> str:
        """One sentence for the form, e.g. "«KK» kan være en forkortelse af «Københavns Kommune»"."""
        return text(f"meeting_core.merge_reason.{self.reason.value}", lang, keep=self.keep, replace=self.replace)


def normalise_partner_name(name: str) -> str:
    """The matching key of a partner name: case, spacing and punctuation ignored.

    "  Københavns   Kommune." → "københavns kommune". Danish letters are kept as they are
    (ø and oe are *suggested* as the same, not assumed).
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", folded)).strip()


# "Norrebro", "Noerrebro" and "Nørrebro"; "Arhus", "Aarhus" and "Århus": keyboards without Danish
# letters give both the two-letter spelling and the bare vowel, so both meet in one plain form.
_PLAIN_PAIRS = (("aa", "a"), ("oe", "o"))


def _plain_letters(folded: str) -> str:
    """The folded key with "aa"→"a" and "oe"→"o", for comparing Danish-letter spellings only."""
    for pair, single in _PLAIN_PAIRS:
        folded = folded.replace(pair, single)
    return folded


def _fold_letters(key: str) -> str:
    """æ→ae, ø→oe, å→aa, é→e: the key as it would be typed on a keyboard without Danish letters."""
    translated = key.translate(_DANISH_LETTERS)
    decomposed = unicodedata.normalize("NFKD", translated)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=4096)
def _stem(token: str) -> str:
    """Strip Danish definite/plural endings until none is left (keeping at least 3 letters)."""
    changed = True
    while changed:
        changed = False
        for ending in _ENDINGS:
            if token.endswith(ending) and len(token) - len(ending) >= _MIN_STEM:
                token = token[: -len(ending)]
                changed = True
                break
    # "klubben" → "klubb" and "klub" → "klub": a doubled final consonant is the same word.
    if len(token) > _MIN_STEM and token[-1] == token[-2]:
        token = token[:-1]
    return token


@dataclass
class _Name:
    """One normalised key with everything the comparisons need, computed once."""

    key: str
    spelling: str
    count: int
    first_seen: int
    compact: str = ""
    folded: str = ""
    plain: str = ""
    acronym: bool = False
    words: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.compact = self.key.replace(" ", "")
        self.folded = _fold_letters(self.compact)
        self.plain = _plain_letters(self.folded)
        self.acronym = self.spelling.isupper() and self.spelling.isalpha()
        words = [_fold_letters(word) for word in self.key.split()]
        if len(words) > 1 and words[0] in _ARTICLES:
            words = words[1:]
        self.words = tuple(words)
        self.stems = tuple(_stem(word) for word in self.words)


def suggest_merges(partners: Iterable[Partner], dismissed: Iterable[Sequence[str]] = ()) -> list[MergeSuggestion]:
    """Pairs of partner names that are probably the same partner, strongest reason first.

    `dismissed` holds pairs of names the tovholder has said are different partners
    (`Session.dismissed_merges`); they are matched on the normalised name, in either order, and
    never suggested again. Each pair of names is suggested once, with its strongest reason.
    """
    names, same_text = _collect(partners)
    refused = {frozenset(normalise_partner_name(name) for name in pair) for pair in dismissed}
    found: dict[frozenset[str], tuple[MergeReason, _Name, _Name]] = {}

    def propose(reason: MergeReason, first: _Name, second: _Name) -> None:
        pair = frozenset((first.key, second.key))
        if first.key == second.key or pair in refused:
            return
        current = found.get(pair)
        if current is None or _REASON_ORDER[reason] < _REASON_ORDER[current[0]]:
            found[pair] = (reason, first, second)

    for first, second in _pairs_sharing(names, lambda name: [name.compact]):
        propose(MergeReason.SAME_TEXT, first, second)
    for first, second in _pairs_sharing(names, lambda name: [name.plain]):
        propose(MergeReason.DANISH_LETTERS, first, second)
    for first, second in _pairs_sharing(names, lambda name: ["\x00".join(name.stems)]):
        propose(MergeReason.WORD_FORM, first, second)
    for reason, first, second in _abbreviations(names):
        propose(reason, first, second)
    for first, second in _part_of_name(names):
        propose(MergeReason.PART_OF_NAME, first, second)
    for first, second in _typos(names):
        propose(MergeReason.TYPO, first, second)

    # Spellings of one key ("Kommunen"/"kommunen") can be dismissed too: their pair is {key}.
    suggestions = [s for s in same_text if frozenset({normalise_partner_name(s.keep)}) not in refused]
    suggestions += [_orient(reason, first, second) for reason, first, second in found.values()]
    suggestions.sort(key=lambda s: (_REASON_ORDER[s.reason], normalise_partner_name(s.keep), s.replace))
    return suggestions


def _collect(partners: Iterable[Partner]) -> tuple[list[_Name], list[MergeSuggestion]]:
    """One `_Name` per normalised key, and the suggestions between spellings of the same key."""
    spellings: dict[str, Counter[str]] = {}
    first_seen: dict[str, int] = {}
    for position, partner in enumerate(partners):
        spelling = partner.name.strip()
        key = normalise_partner_name(spelling)
        if not key:
            continue
        spellings.setdefault(key, Counter())[spelling] += 1
        first_seen.setdefault(key, position)
    names: list[_Name] = []
    same_text: list[MergeSuggestion] = []
    for key, counter in spellings.items():
        ranked = sorted(counter, key=lambda s: (-counter[s], not s[:1].isupper(), s != s.strip(" .,;:")))
        best = ranked[0]
        names.append(_Name(key, best, sum(counter.values()), first_seen[key]))
        same_text.extend(
            MergeSuggestion(best, other, MergeReason.SAME_TEXT, counter[best], counter[other]) for other in ranked[1:]
        )
    return names, same_text


def _pairs_sharing(names: list[_Name], keys_of: Callable[[_Name], Iterable[str]]) -> Iterable[tuple[_Name, _Name]]:
    """Every pair of names that share at least one of the index keys `keys_of(name)` returns."""
    index: dict[str, list[_Name]] = {}
    for name in names:
        for index_key in set(keys_of(name)):
            index.setdefault(index_key, []).append(name)
    for group in index.values():
        yield from combinations(group, 2)


def _initials(name: _Name) -> set[str]:
    """The name's initials, with and without the small words ("Kultur og Fritid": "kof", "kf"),
    from the words as typed (so "ØK" matches "Østerbro Kommune")."""
    words = name.key.split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    content = [word for word in words if word not in _SMALL_WORDS]
    return {"".join(word[0] for word in words), "".join(word[0] for word in content)} - {""}


def _is_abbreviation(short: str, long: str) -> bool:
    """ "kbh" of "koebenhavns": same first letter, the rest in order, at most half as long."""
    if len(short) < 2 or 2 * len(short) > len(long) or short[0] != long[0]:
        return False
    letters = iter(long[1:])
    return all(char in letters for char in short[1:])


def _abbreviations(names: list[_Name]) -> Iterable[tuple[MergeReason, _Name, _Name]]:
    """ "KK" / "Københavns Kommune" (initials) and "Kbh Kommune" / "Københavns Kommune" (one word)."""
    by_initials: dict[str, list[_Name]] = {}
    for name in names:
        if len(name.words) >= 2:
            for initials in _initials(name):
                by_initials.setdefault(initials, []).append(name)
    for name in names:
        if len(name.words) == 1 and 2 <= len(name.compact) <= 6 and name.compact.isalpha():
            for longer in by_initials.get(name.compact, []):
                yield MergeReason.ABBREVIATION, name, longer
    # Same words except one, which is an abbreviation of the other's word at the same place.
    for first, second in _pairs_sharing(names, _words_but_one):
        differing = [i for i, (a, b) in enumerate(zip(first.stems, second.stems, strict=True)) if a != b]
        if len(differing) != 1:
            continue
        a, b = first.words[differing[0]], second.words[differing[0]]
        if _is_abbreviation(a, b) or _is_abbreviation(b, a):
            yield MergeReason.ABBREVIATION, first, second


def _words_but_one(name: _Name) -> list[str]:
    """Index keys: the word list with one word blanked out, for every position."""
    if len(name.words) < 2:
        return []
    return [
        f"{len(name.words)}:" + "\x00".join(name.stems[:i] + ("*",) + name.stems[i + 1 :])
        for i in range(len(name.words))
    ]


def _part_of_name(names: list[_Name]) -> Iterable[tuple[_Name, _Name]]:
    """A short name that is part of a longer one.

    A one-word name that is the head (last) word of a longer name, or the end of a compound head
    word ("Kommunen" / "Københavns Kommune", "Biblioteket" / "Hovedbiblioteket"); an acronym
    anywhere in a longer name ("SSP" / "SSP-samarbejdet"); and a name of several words that
    begins a longer one ("Boligsocial helhedsplan" / "Boligsocial helhedsplan Mjølnerparken").
    Danish names put the head word last, so "Kirken" is not offered for "Kirkens Korshær".
    """
    by_head: dict[str, list[_Name]] = {}
    by_word: dict[str, list[_Name]] = {}
    by_prefix: dict[tuple[str, ...], list[_Name]] = {}
    compounds: dict[str, list[_Name]] = {}
    for name in names:
        head = name.stems[-1]
        # Every ending of at least 5 letters of the head word: "hovedbibliotek" ends in "bibliotek".
        for start in range(1, len(head) - _MIN_COMPOUND_END + 1):
            compounds.setdefault(head[start:], []).append(name)
        if len(name.words) >= 2:
            by_head.setdefault(name.stems[-1], []).append(name)
            for stem in set(name.stems):
                by_word.setdefault(stem, []).append(name)
            for length in range(2, len(name.stems)):
                by_prefix.setdefault(name.stems[:length], []).append(name)
    for name in names:
        if len(name.words) >= 2:
            yield from ((name, longer) for longer in by_prefix.get(name.stems, []))
            continue
        if len(name.compact) < 2 or (len(name.compact) < 3 and not name.acronym):
            continue
        stem = name.stems[0]
        yield from ((name, longer) for longer in (by_word if name.acronym else by_head).get(stem, []))
        yield from ((name, longer) for longer in compounds.get(stem, []) if longer is not name)


@functools.lru_cache(maxsize=4096)
def _deletions(word: str, depth: int) -> frozenset[str]:
    """`word` with up to `depth` letters deleted. Cached: the live form asks again on every add."""
    variants = {word}
    for _ in range(depth):
        variants |= {variant[:i] + variant[i + 1 :] for variant in variants for i in range(len(variant))}
    return frozenset(variants)


def _typo_limit(length: int) -> int:
    """Edits tolerated as a typo: none in short names (too many real names are one letter apart)."""
    if length < 5:
        return 0
    return 1 if length < 12 else 2


def _typos(names: list[_Name]) -> Iterable[tuple[_Name, _Name]]:
    """Names one or two letters apart, found through shared deletion variants (no n² comparison)."""

    # Names whose numbers differ are different partners ("B1903"/"B1909"), so the numbers are part
    # of every index key: such pairs never even become candidates.
    def keys_of(name: _Name) -> list[str]:
        numbers = ",".join(_DIGITS.findall(name.key))
        return [f"{numbers}|{variant}" for variant in _deletions(name.folded, _typo_limit(len(name.folded)))]

    candidates = _pairs_sharing(names, keys_of)
    seen: set[frozenset[str]] = set()
    for first, second in candidates:
        pair = frozenset((first.key, second.key))
        if pair in seen:
            continue
        seen.add(pair)
        limit = min(_typo_limit(len(first.folded)), _typo_limit(len(second.folded)))
        if (
            limit
            and not _differs_only_in_label(first, second)
            and _edit_distance(first.folded, second.folded, limit) <= limit
        ):
            yield first, second


def _differs_only_in_label(first: _Name, second: _Name) -> bool:
    """True for "Skole A"/"Skole B" and "B1903"/"B1909": a number or one letter tells them apart."""
    if _DIGITS.findall(first.key) != _DIGITS.findall(second.key):
        return True
    if len(first.words) == len(second.words):
        differing = [(a, b) for a, b in zip(first.words, second.words, strict=True) if a != b]
        if len(differing) == 1 and min(len(differing[0][0]), len(differing[0][1])) <= 2:
            return True
    return False


def _edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance (swaps count as one edit), giving up above `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, start=1):
            cost = char != other
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _orient(reason: MergeReason, first: _Name, second: _Name) -> MergeSuggestion:
    """Which name to propose keeping: the more specific or more used one."""
    if reason in (MergeReason.ABBREVIATION, MergeReason.PART_OF_NAME):
        keep, replace = sorted((first, second), key=lambda n: (-len(n.words), -len(n.compact)))
    elif reason == MergeReason.DANISH_LETTERS:
        keep, replace = sorted((first, second), key=lambda n: (n.compact == n.folded, -n.count, n.first_seen))
    else:
        keep, replace = sorted((first, second), key=lambda n: (-n.count, n.first_seen))
    return MergeSuggestion(keep.spelling, replace.spelling, reason, keep.count, replace.count)
