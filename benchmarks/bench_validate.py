"""Benchmark `tei validate`: the edition's grammar and Schematron rules over a generated edition's TEI.

    python benchmarks/bench_validate.py [--documents 1000] [--jobs N] [--seed 0] [--serial] [--steps]
                                        [--keep DIR] [--json PATH]

Generates --documents transcripts (benchmarks/make_corpus.py) and converts them to
TEI (not timed), then validates the TEI files as `tei validate` does
(tei.validate.validate_files: RELAX NG, then the Schematron rules compiled to XSLT
and run by Saxon), with --jobs worker processes, starting them included.  --serial
also times one process, for comparison.  --steps also times each step of checking
a file, in this process (best of three rounds over 200 files), to show where a
file's time goes: the steps one file at a time, as check_data runs them, and
FILES_PER_TASK files at a time, as the workers do (check_many_data).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from common import Result, TreeMemory, arguments, tei_corpus, workspace
from tei.validate import (FILES_PER_TASK, Locator, _document_builder, parse, refuse_hostile_doctype, settings_for,
                          validate_files, validator_for)


def step_times(files: list[Path], rounds: int = 3) -> dict[str, float]:
    """Milliseconds a file of each step of Validator.check_data, the best of `rounds`.

    The Schematron's own steps are those of Rules.run, repeated here to time them apart.
    """
    validator = validator_for(settings_for())
    grammar, rules = validator.grammar, validator.rules
    assert grammar is not None and rules is not None
    times: dict[str, list[float]] = {}

    def timed(step: str, function: Callable[..., Any], inputs: list[tuple[Any, ...]]) -> list[Any]:
        start = time.perf_counter()
        outputs = [function(*arguments) for arguments in inputs]
        times.setdefault(step, []).append((time.perf_counter() - start) * 1000 / len(inputs))
        return outputs

    data = [(str(path), path.read_bytes()) for path in files]
    for _ in range(rounds):
        timed("check_data, one file at a time", validator.check_data, data)
        chunks = [data[at:at + FILES_PER_TASK] for at in range(0, len(data), FILES_PER_TASK)]
        spent = time.perf_counter()
        for chunk in chunks:
            validator.check_many_data([(name, raw, None) for name, raw in chunk])
        times.setdefault(f"check_many_data, {FILES_PER_TASK} files at a time", []).append(
            (time.perf_counter() - spent) * 1000 / len(data))
        trees = timed("parse (DOCTYPE check, lxml)",
                      lambda name, raw: refuse_hostile_doctype(name, raw) or parse(name, raw)[0], data)
        parsed = [(tree, Locator(name, raw, tree)) for (name, raw), tree in zip(data, trees)]
        timed("grammar (RELAX NG)", grammar.check, parsed)
        timed("Schematron, all steps", rules.check, parsed)
        texts = timed("  serialise for Saxon", lambda tree, _: etree.tostring(tree.getroot(), encoding="unicode"),
                      parsed)
        nodes = timed("  Saxon parse", lambda text: _document_builder().parse_xml(xml_text=text),
                      [(text,) for text in texts])
        reports = timed("  transform", lambda node: rules.stylesheet.transform_to_string(xdm_node=node),
                        [(node,) for node in nodes])
        timed("  read the report (lxml)", lambda report: etree.fromstring(report.encode("utf-8")),
              [(report,) for report in reports])
    return {step: round(min(spent), 3) for step, spent in times.items()}


def main() -> int:
    parser = arguments(__doc__)
    parser.add_argument("--serial", action="store_true", help="also time one process, for comparison")
    parser.add_argument("--steps", action="store_true", help="also time each step of checking a file")
    args = parser.parse_args()
    result = Result("validate", args)
    with workspace(args.keep, "validate") as work:
        _, files = tei_corpus(work, args.documents, args.seed, args.jobs)
        result.floor(files)
        runs = [("1 process", 1)] if args.serial else []
        runs.append((f"{args.jobs} workers", args.jobs))
        for label, jobs in runs:
            with TreeMemory() as memory:
                start = time.perf_counter()
                report = validate_files(files, jobs=jobs)
                seconds = time.perf_counter() - start
            result.run(label, documents=len(files), seconds=seconds, memory=memory,
                       errors=report.errors, warnings=report.warnings)
            if report.errors:
                print(f"{'':>24}  {report.errors} errors: the generated TEI should be valid", file=sys.stderr)
                return 1
        if args.steps:
            steps = step_times(files[:200])
            result.note("ms a file, by step", steps)
    result.write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
