"""Benchmark `tei validate`: files per second and peak memory on a generated corpus.

    python benchmarks/bench_validate.py [--files 1000] [--jobs N] [--serial] [--steps]

Makes --files encodings in a temporary folder by copying the corpus files round
robin, each copy with its own xml:ids (every id in a file derives from the root's,
so renaming the root id renames them all, pointers included), then validates
them as `tei validate` does, with all CPUs unless --jobs says otherwise.
Peak memory is the maximum resident set size (ru_maxrss) of this process and of
the largest worker process.  --steps also times the steps of checking a file,
in this process (whose peak memory then includes Saxon).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from tei.saxon import processor
from tei.validate import Locator, available_cpus, parse, refuse_hostile_doctype, settings_for, validate_files, \
    validator_for
from generated import make_corpus  # noqa: E402  (benchmarks/generated.py)


def peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def step_times(files: list[Path], rounds: int = 3) -> dict[str, float]:
    """Milliseconds a file of each step of Validator.check_data, the best of some rounds.

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
        timed("check_data, all steps", validator.check_data, data)
        trees = timed("parse (DOCTYPE check, lxml)",
                      lambda name, raw: refuse_hostile_doctype(name, raw) or parse(name, raw)[0], data)
        parsed = [(tree, Locator(name, raw, tree)) for (name, raw), tree in zip(data, trees)]
        timed("grammar (RELAX NG)", grammar.check, parsed)
        timed("Schematron, all steps", rules.check, parsed)
        texts = timed("  serialise for Saxon", lambda tree, _: etree.tostring(tree.getroot(), encoding="unicode"),
                      parsed)
        nodes = timed("  Saxon parse", lambda text: processor().parse_xml(xml_text=text),
                      [(text,) for text in texts])
        reports = timed("  transform", lambda node: rules.stylesheet.transform_to_string(xdm_node=node),
                        [(node,) for node in nodes])
        timed("  read the report (lxml)", lambda report: etree.fromstring(report.encode("utf-8")),
              [(report,) for report in reports])
    return {step: min(spent) for step, spent in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=available_cpus())
    parser.add_argument("--serial", action="store_true", help="also time one process, for comparison")
    parser.add_argument("--steps", action="store_true", help="also time each step of checking a file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        files = make_corpus(Path(tmp), args.files)
        runs = [("1 process", 1)] if args.serial else []
        runs.append((f"{args.jobs} workers", args.jobs))
        for label, jobs in runs:
            start = time.perf_counter()
            report = validate_files(files, jobs=jobs)
            took = time.perf_counter() - start
            print(f"{label}: {len(files)} files in {took:.2f} s = {len(files) / took:.0f} files/s "
                  f"({report.errors} errors, {report.warnings} warnings)")
        if args.steps:
            for step, ms in step_times(files[:200]).items():
                print(f"{step:30} {ms:.3f} ms a file")
    print(f"peak RSS: this process {peak_mib(resource.RUSAGE_SELF):.0f} MiB, "
          f"largest worker {peak_mib(resource.RUSAGE_CHILDREN):.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
