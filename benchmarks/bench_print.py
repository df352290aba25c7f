"""Benchmark the print stage: the volume typeset in parts, against the one-run volume of before.

    python benchmarks/bench_print.py [--documents 300] [--jobs 2] [--baseline COMMIT] [--memory 100 1000]
                                     [--volumes N] [--no-names] [--seed 0] [--keep DIR] [--json PATH]

Generates --documents transcripts (benchmarks/make_corpus.py) and converts them to TEI
(not timed), with the edition's authority file beside them (corpus/authority.xml: names
are tagged, and the volume has its indexes of persons, places and organisations; not with
--no-names), then:

1. baseline: the volume as the code of --baseline typesets it (default f196b0c, the last
   commit that typeset the volume in one WeasyPrint run, in one process), in a subprocess
   on a copy of that commit's code (git archive), into an empty folder;
2. full build: tei.typeset.typeset_edition with --jobs worker processes, into an empty folder;
3. nothing changed;
4. one edited document: a word of one document a third into the volume changed (its
   page count unchanged), then another that adds a paragraph (page count changed);
5. with --memory N M: the peak memory of the print stage for N and M documents (full builds);
6. with --volumes N: N documents (e.g. 10000), their volumes' time and memory.

Figures: wall time, pages, pages per second, where the time went (XSLT, layout, PDF,
join: summed over the workers), the CPU time of the process and its children (user and
system: on a machine shared with other work, it moves far less than the wall time), peak
memory of the process tree (benchmarks/common.py).
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from common import REPO, Result, TreeMemory, arguments, convert, edit_one_word, edition_folder, size_of, workspace
from tei.edition import load_edition
from tei.executors import make_executor
from tei.typeset import typeset_edition

BASELINE = "f196b0c"
OLD = """
import json, sys, time
from pathlib import Path
from tei.edition import load_edition
from tei.typeset import typeset_edition
files = sorted(Path(sys.argv[1]).glob("*.xml"))
start = time.perf_counter()
report = typeset_edition(files, Path(sys.argv[2]), load_edition(Path(sys.argv[3])))
print(json.dumps({"seconds": time.perf_counter() - start, "pages": report.pages, "errors": len(report.errors)}))
"""


class CpuTime:
    """CPU seconds (user and system) of this process and of its children that ended within the block
    (the build's workers end when its executor is closed)."""

    def __enter__(self) -> CpuTime:
        self.start = self._now()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = self._now() - self.start

    @staticmethod
    def _now() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def baseline(commit: str, tei: Path, out: Path, edition: Path) -> tuple[dict, TreeMemory, CpuTime]:
    """The volume as `commit`'s code typesets it, in a subprocess."""
    code = Path(tempfile.mkdtemp(prefix="bench-print-baseline-"))
    try:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "tei", "xslt", "schemas"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
        # The old code refuses the edition facts it does not know (archive_aliases: they only merge the
        # index's headings): it reads a copy without them.
        old_facts = code / "edition.toml"
        old_facts.write_text(re.sub(r"^archive_aliases = \[.*?^\]\n", "", edition.read_text(encoding="utf-8"),
                                    flags=re.M | re.S), encoding="utf-8")
        with TreeMemory() as memory, CpuTime() as cpu:
            done = subprocess.run([sys.executable, "-c", OLD, str(tei), str(out), str(old_facts)], cwd=code,
                                  capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"baseline {commit} failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1]), memory, cpu
    finally:
        shutil.rmtree(code, ignore_errors=True)


def build(result: Result, label: str, files: list[Path], out: Path, edition, jobs: int, **extra) -> object:
    with TreeMemory() as memory, CpuTime() as cpu:
        with closing(make_executor("local", jobs)) as executor:
            report = typeset_edition(files, out, edition, executor=executor)
    if not report.ok:
        raise SystemExit(f"{label}: {len(report.errors)} errors, e.g. {report.errors[:3]}")
    t = report.timings
    result.run(label, documents=report.documents, seconds=report.seconds, memory=memory,
               outputs={"PDF": size_of(*report.volumes)}, pages=report.pages, volumes=len(report.volumes),
               pages_typeset=report.pages_typeset, parts_typeset=report.parts_written,
               steps_seconds={k: round(v, 3) for k, v in t.items()}, cpu_seconds=round(cpu.seconds, 2), **extra)
    print(f"{'':>24}  CPU {cpu.seconds:.1f} s; {report.pages} pages in {len(report.volumes)} volume(s), {report.parts_written} documents and "
          f"{report.pages_typeset} pages typeset; XSLT {t.get('xslt', 0):.1f} s, layout {t.get('layout', 0):.1f} s, "
          f"PDF {t.get('pdf', 0):.1f} s (summed over workers), join {t.get('join', 0):.1f} s")
    return report


def grown(path: Path, paragraph: str) -> None:
    """A paragraph added after the first of the text (not of the header: the volume does not print it)."""
    text = path.read_text(encoding="utf-8")
    at = text.index("</p>", text.index("<body"))
    path.write_text(text[:at] + f"</p><p>{paragraph}" + text[at:], encoding="utf-8")


def main() -> int:
    parser = arguments(__doc__, documents=300)
    parser.add_argument("--baseline", default=BASELINE, help=f"the commit to compare with (default {BASELINE}; "
                        "'none': no comparison)")
    parser.add_argument("--memory", type=int, nargs=2, metavar=("N", "M"), help="peak memory for N and M documents")
    parser.add_argument("--volumes", type=int, metavar="N", help="also N documents in volumes (e.g. 10000)")
    parser.add_argument("--no-names", action="store_true", help="no authority file: no names tagged, no entity indexes")
    args = parser.parse_args()
    result = Result("print", args)
    with workspace(args.keep, "print") as work:
        edition_path = edition_folder(work / "edition", args.documents, args.seed) / "edition.toml"
        if not args.no_names:
            shutil.copy(REPO / "corpus" / "authority.xml", work / "edition" / "authority.xml")
        _, files = convert(work / "edition", args.jobs, work / "build")
        edition = load_edition(edition_path)
        if args.baseline != "none":
            old, memory, old_cpu = baseline(args.baseline, work / "edition" / "tei", work / "old", edition_path)
            result.run(f"baseline {args.baseline}", documents=len(files), seconds=old["seconds"], memory=memory,
                       outputs={"PDF": size_of(work / "old" / "edition.pdf")}, pages=old["pages"],
                       cpu_seconds=round(old_cpu.seconds, 2))
            print(f"{'':>24}  CPU {old_cpu.seconds:.1f} s")
        out = work / "new"
        full = build(result, "full build", files, out, edition, args.jobs)
        if args.baseline != "none":
            result.note("full build vs baseline", f"{old['seconds'] / full.seconds:.2f}× faster (wall); CPU "
                        f"{old_cpu.seconds / result.data['runs'][-1]['cpu_seconds']:.2f}× less")
        start = time.perf_counter()
        again = typeset_edition(files, out, edition)
        assert not again.volume_written, "a rebuild with nothing changed typeset the volume again"
        result.run("nothing changed", documents=again.documents, seconds=time.perf_counter() - start)
        target = files[len(files) // 3]
        result.note("edited", edit_one_word(target))
        one = build(result, "one document edited", files, out, edition, args.jobs)
        result.note("one edited vs full build", f"{one.seconds / full.seconds:.3f} of the full build")
        pages = json.loads((out / ".tei-print.json").read_text(encoding="utf-8"))["parts"]
        grown(target, "A paragraph added to the document, long enough to take lines. " * 60)
        grew = build(result, "one document grew", files, out, edition, args.jobs)
        after = json.loads((out / ".tei-print.json").read_text(encoding="utf-8"))["parts"]
        changed = {doc: (pages[doc]["pages"], after[doc]["pages"]) for doc in after
                   if doc in pages and pages[doc]["pages"] != after[doc]["pages"]}
        result.note("grown document's pages", changed)
        result.note("one grown vs full build", f"{grew.seconds / full.seconds:.3f} of the full build")
        for size in args.memory or ():
            corpus = edition_folder(work / f"edition-{size}", size, args.seed)
            _, more = convert(corpus, args.jobs, work / f"build-{size}")
            build(result, f"full build, {size} documents", more, work / f"new-{size}", edition, args.jobs)
        if args.volumes:
            corpus = edition_folder(work / f"edition-{args.volumes}", args.volumes, args.seed)
            _, more = convert(corpus, args.jobs, work / f"build-{args.volumes}")
            build(result, f"volumes, {args.volumes} documents", more, work / f"new-{args.volumes}", edition, args.jobs)
    result.write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
