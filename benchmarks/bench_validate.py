"""Benchmark `tei validate`: files per second and peak memory on a generated corpus.

    python benchmarks/bench_validate.py [--files 1000] [--jobs N] [--serial]

Makes --files encodings in a temporary folder by copying the corpus files round
robin, each copy with its own xml:ids (every id in a file derives from the root's,
so renaming the root id renames them all, pointers included), then validates
them as `tei validate` does, with all CPUs unless --jobs says otherwise.
Peak memory is the maximum resident set size (ru_maxrss) of this process and of
the largest worker process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from tei.validate import available_cpus, validate_files
from generated import make_corpus  # noqa: E402  (benchmarks/generated.py)


def peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=available_cpus())
    parser.add_argument("--serial", action="store_true", help="also time one process, for comparison")
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
    print(f"peak RSS: this process {peak_mib(resource.RUSAGE_SELF):.0f} MiB, "
          f"largest worker {peak_mib(resource.RUSAGE_CHILDREN):.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
