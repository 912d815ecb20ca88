"""Large composition files: a 50 MB file is refused early; a file at the size limit is read in time.

Each case runs in its own process, so the peak memory printed is that case's alone (VmHWM, which
includes the imported libraries: pandas, openpyxl and the kit).
Cases, all StatBank-like long CSV (``"Område";"Herkomst";"Alder";"2025K1";count``) unless said:

* 50 MB CSV: `read_composition` refuses it from its size before reading (target: well under 10 s);
* 9.9 MB CSV, just under `spreadsheets.MAX_BYTES`: read, checked and assembled
  (target: ≤ 10 s and ≤ 500 MB);
* an Excel sheet of 195,000 cells, just under `spreadsheets.MAX_XLSX_CELLS` (same target).

The baseline, measured in the same run on the same files, is pandas reading them (``read_csv`` /
``read_excel``) without any checking: the ratio says what the kit's checks cost on top.

Run: ``.venv/bin/python benchmarks/large_files.py``
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from pathlib import Path

AREAS = [f"Bydel {i}" for i in range(400)]
ORIGINS = ["Personer med dansk oprindelse", "Indvandrere", "Efterkommere"]
AGES = ["0-17 år", "18-29 år", "30-49 år", "50-66 år", "67 år og derover"]


def write_csv(path: Path, megabytes: float) -> None:
    """A long StatBank-like CSV of about ``megabytes`` MB (periods repeat to fill it)."""
    target = int(megabytes * 1_000_000)
    lines = ['"OMRÅDE";"HERKOMST";"ALDER";"TID";"INDHOLD"']
    size = len(lines[0]) + 2
    year = 1900
    while size < target:
        for area in AREAS:
            for origin in ORIGINS:
                for age in AGES:
                    line = f'"{area}";"{origin}";"{age}";"{year}K1";{(len(area) * 37 + len(origin) + year) % 900}'
                    lines.append(line)
                    size += len(line.encode()) + 2
                    if size >= target:
                        break
                if size >= target:
                    break
            if size >= target:
                break
        year += 1
    path.write_bytes("\r\n".join(lines[:-1]).encode("utf-8") + b"\r\n")


def write_xlsx(path: Path, cells: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Beboere")
    sheet.append(["Beboere efter område, herkomst og alder"])
    sheet.append(["Enhed: Antal"])
    years = [str(y) for y in range(1980, 2026)]
    sheet.append([None, None, None, *years])
    width = 3 + len(years)
    rows = cells // width
    for i in range(rows):
        area, origin, age = AREAS[i // 15 % len(AREAS)], ORIGINS[i // 5 % 3], AGES[i % 5]
        sheet.append([area, origin, age, *[(i * 7 + j) % 500 for j in range(len(years))]])
    book.save(path)


def _kit(path: str) -> str:
    from erfakit.exceptions import ErfakitError
    from erfakit.io.composition.assemble import read_composition

    try:
        composition = read_composition(path)
    except ErfakitError as error:
        return "refused: " + error.message.splitlines()[0][:90]
    return f"read: {len(composition.rows)} categories"


def _pandas(path: str) -> str:
    import pandas as pd

    frame = pd.read_excel(path, header=None) if path.endswith(".xlsx") else pd.read_csv(path, sep=";")
    return f"{len(frame)} rows"


def _run(job: tuple[str, str], queue: multiprocessing.Queue) -> None:
    kind, path = job
    # Imports first: the time measured is the reading, not Python loading pandas or openpyxl.
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401

    import erfakit.io.composition.assemble  # noqa: F401

    start = time.perf_counter()
    outcome = (_kit if kind == "kit" else _pandas)(path)
    seconds = time.perf_counter() - start
    queue.put((seconds, _peak_megabytes(), outcome))


def _peak_megabytes() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited across fork/exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(kind: str, path: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, outcome) of one case in a fresh process."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_run, args=((kind, str(path)), queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        huge, limit, sheet = base / "stor.csv", base / "graense.csv", base / "ark.xlsx"
        write_csv(huge, 50)
        write_csv(limit, 9.9)
        write_xlsx(sheet, 195_000)
        for label, path in (("50 MB CSV", huge), ("9.9 MB CSV", limit), ("195,000-cell sheet", sheet)):
            size = path.stat().st_size / 1_000_000
            kit_s, kit_mb, outcome = measure("kit", path)
            pandas_s, pandas_mb, _ = measure("pandas", path)
            verdict = "PASS" if kit_s <= 10 and kit_mb <= 500 else "FAIL"
            print(f"{label} ({size:.1f} MB): kit {kit_s:.2f} s, peak {kit_mb:.0f} MB – {outcome}")
            print(
                f"    baseline pandas {pandas_s:.2f} s, peak {pandas_mb:.0f} MB; kit/pandas time "
                f"{kit_s / pandas_s:.2f}×, memory {kit_mb / pandas_mb:.2f}×; target ≤ 10 s and ≤ 500 MB: {verdict}"
            )


if __name__ == "__main__":
    main()
