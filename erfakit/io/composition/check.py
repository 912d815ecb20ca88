"""`erfakit check`: read the analyst's files without changing anything and say what was found.

One summary line per file (what it holds, whom the resident counts cover, the board's size), the
notes the import and the comparison make (children left out, dimensions that include children,
suppressed cells, the period used), then every problem with its hint, and a verdict line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from erfakit.core.composition import compare_composition, resident_coverage
from erfakit.core.formatting import format_number
from erfakit.core.model import Composition
from erfakit.exceptions import InputFileError, InputFileErrors
from erfakit.io.composition.assemble import assemble_composition, parse_table
from erfakit.io.composition.parsed import ParsedFile
from erfakit.io.composition.validate import MAX_BOARD
from erfakit.io.spreadsheets import load_table
from erfakit.texts import text


@dataclass
class CheckResult:
    """What `erfakit check` reports: one summary line per file read, and every problem found."""

    lines: list[str] = field(default_factory=list)
    errors: list[InputFileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file can be used as it is."""
        return not self.errors

    def render(self, lang: str = "da") -> str:
        """The report as text: summaries and notes, then problems with hints, then the verdict line."""
        out = list(self.lines)
        out += [f"  – {note}" for note in dict.fromkeys(self.notes)]
        for error in self.errors:
            out.append(text("composition.check_problem", lang, message=error.message))
            if error.hint:
                out.append(f"    {error.hint}")
        out.append(
            text("composition.check_ok", lang)
            if self.ok
            else text("composition.check_failed", lang, n=len(self.errors))
        )
        return "\n".join(out)


def check_files(paths: Iterable[str | Path], *, lang: str = "da") -> CheckResult:
    """Read each file without changing anything and say what was found or what is wrong.

    Composition files, board files (counts or anonymous member rows), portfolio files and earlier
    agreements are recognised by their headers. When one residents' file and one board file are
    given, they are also checked together (categories on the board the residents lack, board size).
    """
    from erfakit.io.action_list import looks_like_agreements, parse_agreements

    result = CheckResult()
    residents: list[ParsedFile] = []
    boards: list[ParsedFile] = []
    for path in paths:
        try:
            raw = load_table(path, lang=lang)
        except InputFileError as error:
            result.errors.append(error)
            continue
        if looks_like_agreements(raw):
            agreements, problems = parse_agreements(raw, lang=lang)
            result.errors += problems
            if not problems:
                result.lines.append(text("composition.sum_agreements", lang, file=raw.source, n=len(agreements)))
            continue
        parsed = parse_table(raw, lang=lang)
        if parsed.errors:
            result.errors += parsed.errors
            continue
        if parsed.kind == "members" or (parsed.has_board and not parsed.has_residents):
            result.lines.append(_summary(parsed, None, lang))
            result.notes += parsed.notes
            boards.append(parsed)
        elif len({e.afdeling for e in parsed.entries if e.afdeling}) > 1:
            result.lines.append(_summary(parsed, None, lang))
        else:
            residents.append(parsed)
    if not boards and len(residents) == 2 and _looks_like_board_counts(residents[1]):
        # "check beboere.csv bestyrelse.csv" with the board as counts under a plain "Antal" heading.
        counts = residents.pop()
        result.lines.append(_summary(counts, None, lang, as_board=True))
        boards.append(counts)
    board = boards[0] if len(residents) == 1 and len(boards) == 1 else None
    for resident in residents:
        try:
            composition = assemble_composition(resident, board if resident is residents[0] else None, lang=lang)
        except InputFileErrors as problems:
            result.lines.append(_summary(resident, None, lang))
            result.errors += problems.errors
            continue
        result.lines.append(_summary(resident, composition, lang))
        result.notes += composition.notes + compare_composition(composition).all_notes(lang)[len(composition.notes) :]
    if not result.errors and boards and not residents:
        result.notes.append(text("composition.note_board_only", lang))
    return result


def _looks_like_board_counts(parsed: ParsedFile) -> bool:
    """Whole numbers summing to a plausible board in every dimension, and no board column of its own."""
    if parsed.has_board or parsed.unit != "count" or not parsed.entries:
        return False
    totals: dict[str, float] = {}
    for e in parsed.entries:
        if e.residents is None or not float(e.residents).is_integer():
            return False
        totals[e.dimension] = totals.get(e.dimension, 0.0) + e.residents
    return all(0 < total <= MAX_BOARD for total in totals.values())


def _summary(parsed: ParsedFile, composition: Composition | None, lang: str, *, as_board: bool = False) -> str:
    if parsed.kind == "members":
        columns = sorted({d for m in parsed.members for d in m.values})
        return text(
            "composition.sum_members", lang, file=parsed.source, n=len(parsed.members), columns=", ".join(columns)
        )
    dims = parsed.dimensions
    afdelinger = {e.afdeling for e in parsed.entries if e.afdeling}
    if len(afdelinger) > 1:
        return text(
            "composition.sum_portfolio", lang, file=parsed.source, n=len(afdelinger), dimensions=", ".join(dims)
        )
    if as_board or not parsed.has_residents:
        totals: dict[str, float] = {}
        for e in parsed.entries:
            value = e.residents if as_board else e.board
            totals[e.dimension] = totals.get(e.dimension, 0.0) + (value or 0.0)
        return text(
            "composition.sum_board_counts",
            lang,
            file=parsed.source,
            dims=", ".join(dims),
            n=format_number(max(totals.values(), default=0), lang, decimals=0),
        )
    return text(
        "composition.sum_composition",
        lang,
        file=parsed.source,
        n_dims=len(dims),
        dims=", ".join(dims),
        n_cats=len(parsed.entries),
        residents=_residents_text(parsed, composition, lang),
        board=_board_text(composition, lang),
    )


def _residents_text(parsed: ParsedFile, composition: Composition | None, lang: str) -> str:
    """Whom the counts cover, in a few words: never "uden børn" for a dimension that has children."""
    if composition is None:
        return text("composition.sum_unit_percent" if parsed.unit == "percent" else "composition.sum_not_checked", lang)
    coverage = resident_coverage(composition)
    adults = [c.dimension for c in coverage.values() if c.adults]
    everyone = [c.dimension for c in coverage.values() if not c.adults]
    parts = []
    percent = composition.residents_unit == "percent"
    if percent:
        parts.append(text("composition.sum_unit_percent", lang))
    elif "Alder" in coverage and coverage["Alder"].adults_total is not None:
        parts.append(
            text("composition.sum_adults", lang, n=format_number(coverage["Alder"].adults_total, lang, decimals=0))
        )
    else:
        largest = max((c.total for c in coverage.values()), default=0.0)
        parts.append(text("composition.sum_residents", lang, n=format_number(largest, lang, decimals=0)))
    if adults:
        parts.append(text("composition.sum_dims_adults", lang, dims=", ".join(adults)))
    if everyone:
        parts.append(text("composition.sum_dims_all", lang, dims=", ".join(everyone)))
    if composition.children > 0:
        count = format_number(composition.children, lang, decimals=0)
        parts.append(text("composition.sum_children_left_out", lang, n=count + (" %" if percent else "")))
    return "; ".join(parts)


def _board_text(composition: Composition | None, lang: str) -> str:
    if composition is None:
        return text("composition.sum_no_board", lang)
    sizes: dict[str, float] = {}
    for row in composition.rows:
        sizes[row.dimension] = sizes.get(row.dimension, 0.0) + row.board
    largest = max(sizes.values(), default=0.0)
    if largest <= 0:
        return text("composition.sum_no_board", lang)
    return text("composition.sum_board", lang, n=format_number(largest, lang, decimals=0))
