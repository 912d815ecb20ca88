"""Dimensions and categories as Danish data writes them, mapped to one spelling.

Danmarks Statistik, Landsbyggefonden, a housing organisation's lease system and an analyst typing a
board by hand all spell the same category differently ("Personer med dansk oprindelse", "Danmark",
"dansk"; "Mænd", "mand", "M"). Both sides of the comparison must land on the same label, or a board
member seems to belong to a group the residents lack. Labels are matched after normalising case,
spaces and dashes; anything not in a vocabulary is kept as written.

Age and length-of-residence bands ("18-29 år", "67 år og derover", "Under 18 år") are parsed into
numeric intervals so that a board member's age can be binned into the residents' bands and children
can be recognised.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

ADULT_AGE = 18

# Canonical dimension names and the spellings accepted for each (normalised: lower case, ascii-folded
# dashes, single spaces).
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "Køn": ("køn", "kon", "koen", "sex", "gender", "kønnet"),
    "Alder": ("alder", "age", "aldersgruppe", "aldersgrupper", "alder (år)", "age group"),
    "Herkomst": ("herkomst", "oprindelse", "origin", "ancestry", "etnisk oprindelse", "baggrund"),
    "Statsborgerskab": ("statsborgerskab", "citizenship", "nationality"),
    "Beskæftigelse": (
        "beskæftigelse",
        "beskaeftigelse",
        "employment",
        "socioøkonomisk status",
        "arbejdsmarkedstilknytning",
        "tilknytning til arbejdsmarkedet",
    ),
    "Boligtid": (
        "boligtid",
        "bolig tid",
        "år i afdelingen",
        "år i boligen",
        "tenure",
        "length of residence",
        "bopælstid",
    ),
    "Husstandstype": ("husstandstype", "husstand", "household type", "household", "familietype"),
    "Uddannelse": ("uddannelse", "højeste fuldførte uddannelse", "education"),
}

# Category vocabularies per dimension: canonical label → accepted spellings (normalised).
CATEGORIES: dict[str, dict[str, tuple[str, ...]]] = {
    "Køn": {
        "Mænd": ("mænd", "mand", "m", "han", "male", "men", "man", "maend"),
        "Kvinder": ("kvinder", "kvinde", "k", "kv", "hun", "female", "women", "woman"),
    },
    "Herkomst": {
        "Personer med dansk oprindelse": (
            "personer med dansk oprindelse",
            "dansk oprindelse",
            "dansk herkomst",
            "dansk",
            "danmark",
            "danish origin",
            "danish",
        ),
        "Indvandrere": ("indvandrere", "indvandrer", "immigrant", "immigrants"),
        "Efterkommere": ("efterkommere", "efterkommer", "descendant", "descendants"),
        "Vestlige lande": (
            "vestlige lande",
            "vestlig",
            "vestlige",
            "vestlig oprindelse",
            "western",
            "western countries",
        ),
        "Ikke-vestlige lande": (
            "ikke-vestlige lande",
            "ikke vestlige lande",
            "ikke-vestlig",
            "ikke vestlig",
            "ikke-vestlige",
            "ikke-vestlig oprindelse",
            "non-western",
            "non-western countries",
        ),
        "Indvandrere fra vestlige lande": ("indvandrere fra vestlige lande", "indvandrer fra vestligt land"),
        "Indvandrere fra ikke-vestlige lande": (
            "indvandrere fra ikke-vestlige lande",
            "indvandrer fra ikke-vestligt land",
        ),
        "Efterkommere fra vestlige lande": ("efterkommere fra vestlige lande", "efterkommer fra vestligt land"),
        "Efterkommere fra ikke-vestlige lande": (
            "efterkommere fra ikke-vestlige lande",
            "efterkommer fra ikke-vestligt land",
        ),
    },
    "Statsborgerskab": {
        "Dansk statsborgerskab": ("dansk statsborgerskab", "dansk", "danske statsborgere", "danish"),
        "Udenlandsk statsborgerskab": (
            "udenlandsk statsborgerskab",
            "udenlandsk",
            "udenlandske statsborgere",
            "foreign",
        ),
    },
    "Beskæftigelse": {
        "I beskæftigelse": ("i beskæftigelse", "beskæftiget", "beskæftigede", "i arbejde", "employed", "lønmodtager"),
        "Under uddannelse": (
            "under uddannelse",
            "uddannelsessøgende",
            "studerende",
            "studerer",
            "student",
            "in education",
        ),
        "Ledige": ("ledige", "ledig", "arbejdsløs", "arbejdsløse", "unemployed"),
        "Pensionister": ("pensionister", "pensionist", "folkepensionist", "folkepensionister", "retired", "pensioner"),
        "Førtidspensionister": ("førtidspensionister", "førtidspensionist", "førtidspension", "disability pension"),
        "Uden for arbejdsstyrken": (
            "uden for arbejdsstyrken",
            "udenfor arbejdsstyrken",
            "øvrige uden for arbejdsstyrken",
            "outside the labour force",
        ),
    },
}

TOTAL_LABELS = frozenset({"i alt", "total", "alle", "hele landet", "sum", "samlet", "totalt", "i alt alle"})
"""Rows that are the sum of the others: counting them would double the population."""


def is_total_label(label: object) -> bool:
    """True for "I alt", "Alder i alt", "Køn i alt", "Total", …: a row summing the others."""
    key = normalise(label)
    return key in TOTAL_LABELS or key.endswith(" i alt") or key.startswith("i alt ")


def normalise(label: object) -> str:
    """Lower case, trimmed, single spaces, dashes and quotes unified: the key labels are matched on."""
    return _normalise(str(label))


@functools.lru_cache(maxsize=4096)
def _normalise(label: str) -> str:
    text = label.strip().lower()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s*-\s*", "-", text) if re.search(r"\d\s*-\s*\d", text) else text
    text = text.replace("\u00a0", " ").strip("\"'“”«»")
    return re.sub(r"\s+", " ", text)


def canonical_dimension(name: object) -> str:
    """The canonical name of a dimension ("kon" → "Køn"); unknown names are kept, trimmed."""
    key = normalise(name)
    for canonical, spellings in DIMENSIONS.items():
        if key == canonical.lower() or key in spellings:
            return canonical
    return re.sub(r"\s+", " ", str(name).strip())


def is_known_dimension(name: object) -> bool:
    """True when ``name`` is one of the dimensions the kit knows by name."""
    return canonical_dimension(name) in DIMENSIONS


def canonical_category(dimension: str, label: object) -> str:
    """The canonical spelling of ``label`` within ``dimension``; unknown labels are kept, trimmed.

    Bands (ages, years of residence) are rewritten as "18-29 år" / "67 år og derover" / "Under 18 år".
    """
    key = normalise(label)
    for canonical, spellings in CATEGORIES.get(dimension, {}).items():
        if key == canonical.lower() or key in spellings:
            return canonical
    band = parse_band(label)
    if band is not None and dimension in ("Alder", "Boligtid"):
        return band.label
    return re.sub(r"\s+", " ", str(label).strip())


def known_category(dimension: str, label: object) -> bool:
    """True when ``label`` belongs to the dimension's vocabulary (or is a band, for banded ones)."""
    key = normalise(label)
    if any(key == c.lower() or key in s for c, s in CATEGORIES.get(dimension, {}).items()):
        return True
    return dimension in ("Alder", "Boligtid") and parse_band(label) is not None


def guess_dimension(labels: list[str]) -> str | None:
    """The dimension whose vocabulary covers every label of a column without a header, if any.

    Used for headerless StatBank exports: a column holding "Danmark", "Vestlige lande", "Ikke-vestlige
    lande" is Herkomst. Ties resolve in the order of `DIMENSIONS`; bands count as Alder.
    """
    keys = [normalise(label) for label in labels if not is_total_label(label)]
    if not keys:
        return None
    for dimension in CATEGORIES:
        if all(known_category(dimension, key) for key in keys):
            return dimension
    bands = [parse_band(key) for key in keys]
    # Only plausible ages: "1850-1899" (a building period) is a band of numbers but not an age.
    if all(b is not None and b.low < 120 and (b.high is None or b.high <= 130) for b in bands):
        return "Alder"
    return None


@dataclass(frozen=True)
class Band:
    """A numeric interval such as an age band: ``low`` ≤ value < ``high`` (``high`` None = open)."""

    low: float
    high: float | None
    unit: str = "år"
    written_as_under: bool = False

    @property
    def label(self) -> str:
        """The band in the kit's spelling: "18-29 år", "67 år og derover", "Under 18 år"."""
        if self.high is None:
            return f"{_num(self.low)} {self.unit} og derover"
        if self.high - self.low == 1:
            return f"{_num(self.low)} {self.unit}"
        if self.low == 0 and self.written_as_under:
            return f"Under {_num(self.high)} {self.unit}"
        return f"{_num(self.low)}-{_num(self.high - 1)} {self.unit}"

    def contains(self, value: float) -> bool:
        """True when ``value`` falls in the band (an age of 29.5 is in 18-29 år)."""
        return value >= self.low and (self.high is None or value < self.high)

    @property
    def is_children(self) -> bool:
        """True for a band that lies wholly below the age of majority."""
        return self.high is not None and self.high <= ADULT_AGE


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


_BAND_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d+)-(\d+)(?: ?(år|years?|aar))?$"), "range"),
    (
        re.compile(
            r"^(\d+)(?: ?(?:år|years?|aar))? ?"
            r"(?:og derover|og ældre|og over|eller derover|\+|or (?:more|over)|and over)$"
        ),
        "open",
    ),
    (re.compile(r"^(?:over|mindst|fra) (\d+)(?: ?(?:år|years?|aar))?$"), "over"),
    (re.compile(r"^(?:under|mindre end|less than|below) (\d+)(?: ?(?:år|years?|aar))?$"), "under"),
    (re.compile(r"^(\d+)(?: ?(år|years?|aar))$"), "single"),
)


def parse_band(label: object) -> Band | None:
    """Parse "18-29 år", "18 - 29", "67 år og derover", "67+", "Over 66 år", "Under 18 år", "5 år".

    "Over 66" means 67 and older: Danish usage counts whole years.
    """
    key = normalise(label)
    for pattern, kind in _BAND_PATTERNS:
        match = pattern.match(key)
        if not match:
            continue
        a = int(match.group(1))
        if kind == "range":
            b = int(match.group(2))
            return Band(a, b + 1) if b >= a else None
        if kind == "open":
            return Band(a, None)
        if kind == "over":
            return Band(a + 1 if key.startswith("over") else a, None)
        if kind == "under":
            return Band(0, a, written_as_under=True)
        if kind == "single":
            return Band(a, a + 1)
    return None


def is_child_category(dimension: str, category: str) -> bool:
    """True for an age band wholly under 18: such residents cannot sit on the board."""
    if dimension != "Alder":
        return False
    band = parse_band(category)
    return band is not None and band.is_children


HERKOMST_GROUPS: dict[str, str] = {
    "Indvandrere fra vestlige lande": "Indvandrere",
    "Indvandrere fra ikke-vestlige lande": "Indvandrere",
    "Efterkommere fra vestlige lande": "Efterkommere",
    "Efterkommere fra ikke-vestlige lande": "Efterkommere",
}
"""StatBank's detailed herkomst categories and the group each belongs to."""

AGE_GROUP_LIMITS = (ADULT_AGE, 30, 50, 67)
"""Where the kit cuts ages when a table gives too many bands to compare with a board of 3–9."""

MAX_AGE_BANDS = 10
"""More age bands than this (single years, five-year bands) are grouped at `AGE_GROUP_LIMITS`."""


def coarse_age_groups(categories: list[str]) -> dict[str, str]:
    """Map fine age bands to the kit's groups (0-17, 18-29, 30-49, 50-66, 67+), as far as the bands'
    own limits allow; ``{}`` when there are `MAX_AGE_BANDS` or fewer bands, or they are not bands.

    A limit falls on the nearest boundary the bands have; the one at 18 on the highest boundary at or
    below 18, so that the children's group holds children only (five-year bands give 0-14 år, and
    15-29 år then holds some 15-17-year-olds, which the comparison says).
    """
    bands = {category: parse_band(category) for category in categories}
    if len(bands) <= MAX_AGE_BANDS or any(band is None for band in bands.values()):
        return {}
    parsed = {category: band for category, band in bands.items() if band is not None}
    bounds = sorted({b.low for b in parsed.values()} | {b.high for b in parsed.values() if b.high is not None})
    cuts: list[float] = []
    for limit in AGE_GROUP_LIMITS:
        if limit == ADULT_AGE:
            below = [b for b in bounds if b <= limit]
            cut = max(below) if below else None
        else:
            cut = min(bounds, key=lambda b: (abs(b - limit), b)) if bounds else None
        if cut is not None and cut > 0 and (not cuts or cut > cuts[-1]):
            cuts.append(cut)
    edges = [0.0, *cuts]
    mapping: dict[str, str] = {}
    for category, band in parsed.items():
        low = max(edge for edge in edges if edge <= band.low)
        following = [edge for edge in edges if edge > low]
        high = following[0] if following else None
        group = Band(low, high, written_as_under=low == 0 and high is not None and high <= ADULT_AGE)
        mapping[category] = group.label
    return mapping
