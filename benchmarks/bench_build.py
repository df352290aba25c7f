"""Benchmark the whole build: `tei build --no-print` of a generated edition folder, then two rebuilds.

    python benchmarks/bench_build.py [--documents 1000 [10000 ...]] [--jobs N] [--seed 0] [--keep DIR] [--json PATH]

For each --documents N: generates an edition folder of N transcripts
(benchmarks/make_corpus.py: edition.toml and sources/), then runs `tei build
--no-print` on it as a user would, in a new process, and times it from start to exit:
a full build (convert, validate, HTML, search index) into an empty output; three
rebuilds, each after one word of another transcript was edited; a rebuild with
nothing changed.  The
stages' own times come from the build's summary line.  Peak memory is of the build's
whole process tree (the build and its worker processes, Pagefind).

With several N, the peak memory of the largest over the smallest is given too.  The
targets the build is held to are checked and written with the figures ("targets"):
a full build of 10,000 documents in 5 minutes or less; validation at 500 documents
per second or more; one edited document of 1,000 rebuilt in 2 s or less (the median
of the three edits); peak memory at 10,000 documents at most 1.5 times that at 1,000.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import (REPO, Result, TreeMemory, arguments, edit_one_word, edition_folder, empty, size_of,
                    workspace)

# Edited rebuilds per size, each of another document (a quarter, a half, three quarters into the sources).
EDITS = 3
STAGE_TIME = re.compile(r"\b(convert|validate|html|search|print) (\d+(?:\.\d+)?) s\b")


def build(folder: Path, out: Path, jobs: int) -> tuple[float, TreeMemory, str]:
    """Run `tei build --no-print -q` in a new process: seconds from start to exit, its memory, its summary line."""
    command = [sys.executable, "-m", "tei.cli", "build", "--corpus", str(folder), "--out", str(out),
               "--no-print", "--accept-low-confidence", "-q", "--jobs", str(jobs)]
    start = time.perf_counter()
    # cwd=REPO: `python -m` then imports this checkout's tei.  stdout and stderr to pipes, read at the end
    # by communicate() (the build prints little with -q), while a thread samples the process tree's memory.
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory(process.pid) as memory:
        stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    summary = next((line for line in reversed(stdout.splitlines()) if line.startswith("build ")), "")
    if process.returncode != 0 or not summary.startswith("build done"):
        sys.exit(f"tei build failed ({process.returncode}): {summary}\n{stdout[-2000:]}\n{stderr[-2000:]}")
    return seconds, memory, summary


def stages(summary: str, count: int, result: Result) -> dict[str, dict]:
    """Each stage's seconds in the build's summary line, with its documents/s and multiple of the floor."""
    found = {}
    for name, seconds in STAGE_TIME.findall(summary):
        seconds = float(seconds)
        found[name] = {"seconds": seconds, "documents_per_second": round(count / seconds, 1) if seconds else None,
                       "x_floor": round(result.times_floor(count, seconds), 2)}
    return found


def main() -> int:
    args = arguments(__doc__, sizes=True).parse_args()  # several sizes in one run, to compare their memory
    result = Result("build", args)
    runs: dict[tuple[int, str], dict] = {}  # (documents, label) -> the run's record
    with workspace(args.keep, "build") as work:
        for count in args.documents:
            folder = edition_folder(work / f"edition-{count}", count, args.seed)
            out = empty(work / f"out-{count}")
            sources = sorted((folder / "sources").glob("*.txt"))
            edits = {f"one document edited ({n})": sources[count * n // (EDITS + 1)] for n in range(1, EDITS + 1)}
            for label in ("full build", *edits, "nothing changed"):
                if label in edits:
                    result.note(f"{count}: {label}", f"{edits[label].name}: {edit_one_word(edits[label])}")
                seconds, memory, summary = build(folder, out, args.jobs)
                if label == "full build":
                    result.floor(sorted((folder / "tei").glob("*.xml")))
                outputs = {"sources": size_of(folder / "sources"), "tei": size_of(folder / "tei"),
                           "site": size_of(out / "html"), "search index": size_of(*(out / "html").glob("pagefind-*"))}
                runs[count, label] = result.run(f"{count}: {label}", documents=count, seconds=seconds, memory=memory,
                                                outputs=outputs, stages=stages(summary, count, result), summary=summary)
                print(f"{'':>24}  {summary}")
    result.data["targets"] = targets(runs)
    for name, target in result.data["targets"].items():
        print(f"{'target':>24}: {name}: {target['text']}")
    result.write()
    return 0


def targets(runs: dict[tuple[int, str], dict]) -> dict[str, dict]:
    """Each target the figures can speak to: the figure, the limit, met or not, and by what margin."""
    found = {}
    fulls = {count: record for (count, label), record in runs.items() if label == "full build"}

    def check(name: str, value: float, limit: float, unit: str, at_most: bool) -> None:
        met = value <= limit if at_most else value >= limit
        found[name] = {"value": round(value, 2), "limit": limit, "met": met,
                       "text": f"{value:.2f} {unit} ({'≤' if at_most else '≥'} {limit:g} {unit}): "
                               f"{'met' if met else 'MISSED'}, {abs(limit - value):.2f} {unit} "
                               f"{'to spare' if met else 'over' if at_most else 'short'} "
                               f"({value / limit:.2f} of the limit)"}

    if 10000 in fulls:
        check("full build of 10,000 documents", fulls[10000]["seconds"], 300, "s", at_most=True)
    for count, record in sorted(fulls.items()):
        validate = record["stages"].get("validate")
        if count >= 1000 and validate and validate["documents_per_second"]:  # fewer: starting the workers dominates
            check(f"validation ({count} documents, in the build)", validate["documents_per_second"], 500,
                  "documents/s", at_most=False)
    edited = sorted(record["seconds"] for (count, label), record in runs.items()
                    if count == 1000 and label.startswith("one document edited"))
    if edited:
        # The median of the edits: one rebuild's time moves by a fifth from run to run on this machine.
        check(f"one edited document of 1,000 rebuilt (the median of {len(edited)}: "
              f"{', '.join(f'{s:.2f}' for s in edited)} s)", statistics.median(edited), 2, "s", at_most=True)
    if 1000 in fulls and 10000 in fulls:
        check("peak memory at 10,000 over 1,000 documents",
              fulls[10000]["peak_tree_mib"] / fulls[1000]["peak_tree_mib"], 1.5, "×", at_most=True)
    return found


if __name__ == "__main__":
    sys.exit(main())
