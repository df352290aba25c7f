"""What the benchmark scripts share: the corpus, the lxml floor, memory, sizes, the machine, the result.

Every script measures one stage (or the whole build) on the same generated
corpus (benchmarks/make_corpus.py: transcripts, converted to TEI where the
stage needs TEI), prints a line per run and writes the figures as JSON to
benchmarks/results/NAME.json (or --json PATH), with the machine they were
taken on.

The floor.  Parsing and serialising the corpus's TEI files with lxml alone
(etree.fromstring + etree.tostring), on one core, is the least any stage that
reads a document and writes one can cost.  Each run is also given as a
multiple of it: "× floor" = (run's wall seconds per document) / (floor's
seconds per document), so 40× floor means the stage takes 40 times as long
per document as lxml takes to read and write that document.  A stage on N
worker processes is compared with the one-core floor as it is, by wall time:
what a user waits for.

Memory.  The peak resident memory of a process and all its descendants
(worker processes, Pagefind, the `tei build` subprocess): the sum of VmRSS
over the tree, sampled every 50 ms by a thread.  Pages shared between the
processes (libraries) are counted once per process, so the sum is an upper
bound (but a fork caught before it runs its program counts nothing: see
tree_rss).  ru_maxrss of this process is reported beside it.

Scripts import it as `from common import ...` (benchmarks/ is not a package;
Python puts the script's folder on sys.path).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing, contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
sys.path.insert(0, str(REPO))  # the checkout's tei package, even when another one is installed

MiB = 2**20


# ---------------------------------------------------------------- memory

def _read(path: str) -> bytes:
    # os.open/os.read rather than open(): half the cost, and the sampler reads a few hundred files a second.
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.read(fd, 4096)
    finally:
        os.close(fd)


def _rss(pid: int) -> int:
    """VmRSS of a process in bytes; 0 when it has gone (or is a kernel thread)."""
    try:
        status = _read(f"/proc/{pid}/status")
        return int(status.split(b"VmRSS:", 1)[1].split(None, 1)[0]) * 1024
    except (OSError, IndexError, ValueError):
        return 0


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process.  (This kernel has no /proc/PID/task/TID/children, so scan /proc.)"""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                # "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
                parents[int(name)] = int(_read(f"/proc/{name}/stat").rsplit(b")", 1)[1].split(None, 2)[1])
            except (OSError, IndexError, ValueError):
                pass
    return parents


def _cmdline(pid: int) -> bytes:
    try:
        return _read(f"/proc/{pid}/cmdline")
    except OSError:
        return b""


def tree_rss(root: int) -> dict[int, int]:
    """pid -> bytes resident, of `root` and all its descendants now.

    A child with its parent's command line is a fork that has not yet run its program
    (subprocess.Popen, between fork and exec): its pages are its parent's, shared, so it counts 0.
    """
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, todo = {}, [(root, None)]
    while todo:
        pid, parent_command = todo.pop()
        command = _cmdline(pid)
        found[pid] = 0 if command == parent_command else _rss(pid)
        todo.extend((child, command) for child in children.get(pid, ()))
    return found


def _role(pid: int, root: int) -> str:
    """What a process of the tree is, in a word: the root, a worker process, or its program's name."""
    if pid == root:
        return "main"
    command = _cmdline(pid).split(b"\0")
    if any(b"multiprocessing" in part for part in command):
        return "resource tracker" if any(b"resource_tracker" in part for part in command) else "worker"
    return os.path.basename(command[0].decode(errors="replace")) or "?"


class TreeMemory:
    """The peak resident memory of a process tree while the `with` block runs (sampled every `interval` s),
    and what each process held at that moment (`at_peak`: role -> MiB, summed over processes of one role)."""

    def __init__(self, pid: int | None = None, interval: float = 0.05):
        self.pid = pid or os.getpid()
        self.interval = interval
        self.peak = 0  # bytes
        self.processes = 0  # most processes seen at once
        self.at_peak: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample_until_stopped, daemon=True)

    def _sample(self) -> None:
        found = tree_rss(self.pid)
        total = sum(found.values())
        self.processes = max(self.processes, sum(rss > 0 for rss in found.values()))
        if total > self.peak:
            self.peak = total
            self.at_peak = {}
            for pid, rss in found.items():
                if rss:
                    role = _role(pid, self.pid)
                    self.at_peak[role] = round(self.at_peak.get(role, 0) + rss / MiB, 1)

    def _sample_until_stopped(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeMemory:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()  # the tree as it ends (a subprocess that has exited counts 0)

    @property
    def peak_mib(self) -> float:
        return self.peak / MiB


def maxrss_mib() -> float:
    """ru_maxrss of this process (KiB on Linux).  Not RUSAGE_CHILDREN: a child started by fork and exec keeps the
    peak of the parent it was forked from, so the "largest child" is often just this process again."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- sizes

def size_of(*paths: Path) -> int:
    """Bytes of files, and of every file under folders."""
    total = 0
    for path in paths:
        path = Path(path)
        if path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            total += path.stat().st_size
    return total


def human(n: float) -> str:
    return f"{n / MiB:.1f} MiB" if n >= MiB else f"{n / 1024:.1f} KiB"


# ---------------------------------------------------------------- the floor

def lxml_floor(files: list[Path], repeat: int = 3) -> dict[str, float]:
    """Parse and serialise each file with lxml alone, on one core: the best of `repeat` passes (the least noisy)."""
    from lxml import etree

    data = [Path(p).read_bytes() for p in files]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in data:
            etree.tostring(etree.fromstring(item))
        best = min(best, time.perf_counter() - start)
    return {"documents": len(data), "tei_bytes": sum(map(len, data)), "seconds": best,
            "documents_per_second": len(data) / best}


# ---------------------------------------------------------------- the machine

def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return ""


def machine() -> dict[str, Any]:
    """What the figures were taken on."""
    cpu = ""
    meminfo = {}
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                    if line.startswith("model name")), "")
        meminfo = dict(line.split(":", 1) for line in open("/proc/meminfo", encoding="utf-8"))
    except OSError:
        pass
    ram = int(meminfo.get("MemTotal", "0 kB").split()[0]) * 1024
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        commit = ""
    return {"cpu": cpu, "cores": os.cpu_count(), "cores_usable": len(os.sched_getaffinity(0)),
            "ram_gib": round(ram / 2**30, 1), "kernel": platform.release(), "python": platform.python_version(),
            "lxml": _version("lxml"), "saxonche": _version("saxonche"), "pagefind": _version("pagefind"),
            "weasyprint": _version("weasyprint"), "commit": commit, "code": code_digest(),
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds")}


def code_digest() -> str:
    """A hash of the code measured (tei/, xslt/, schemas/): "-dirty" in the commit does not say which edits."""
    h = hashlib.sha256()
    for path in sorted(p for folder in ("tei", "xslt", "schemas") for p in (REPO / folder).rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def machine_line(m: dict[str, Any]) -> str:
    return (f"{m['cpu']}, {m['cores_usable']} cores, {m['ram_gib']} GiB; Python {m['python']}, "
            f"lxml {m['lxml']}, saxonche {m['saxonche']}; {m['commit']} (code {m['code']}); {m['date']}")


# ---------------------------------------------------------------- the result

class Result:
    """A benchmark's runs: each printed as it is added, all written as JSON at the end."""

    def __init__(self, name: str, args: argparse.Namespace):
        self.name = name
        self.json_path: Path = getattr(args, "json", None) or RESULTS / f"{name}.json"
        self.data: dict[str, Any] = {
            "benchmark": name,
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
            "machine": machine(),
            "load_before": _loadavg(),  # a shared machine: the figures mean little without it
            "floor": None, "runs": [], "notes": {}}
        print(f"{name}: {machine_line(self.data['machine'])}; load {_load()}")

    def floor(self, files: list[Path]) -> dict[str, float]:
        floor = lxml_floor(files)
        self.data["floor"] = floor
        print(f"{'lxml floor':>24}: {floor['documents']} documents ({human(floor['tei_bytes'])} of TEI) parsed and "
              f"serialised in {floor['seconds']:.3f} s = {floor['documents_per_second']:.0f} documents/s (1 core)")
        return floor

    def times_floor(self, documents: int, seconds: float) -> float | None:
        """Seconds per document of a run over the floor's (None before the floor is known)."""
        floor = self.data["floor"]
        if not floor or not documents:
            return None
        return (seconds / documents) / (floor["seconds"] / floor["documents"])

    def run(self, label: str, *, documents: int, seconds: float, memory: TreeMemory | None = None,
            outputs: dict[str, int] | None = None, **extra: Any) -> dict[str, Any]:
        """Record and print one run: `documents` done in `seconds` (wall); `outputs`: name -> bytes."""
        rate = documents / seconds if seconds else None
        floor = self.data["floor"]
        record = {"label": label, "documents": documents, "seconds": round(seconds, 4),
                  "documents_per_second": rate and round(rate, 2),
                  "x_floor": _round(self.times_floor(documents, seconds)),
                  "floor_documents_per_second": floor and round(floor["documents_per_second"]),
                  "peak_tree_mib": memory and round(memory.peak_mib, 1),
                  "peak_processes": memory and memory.processes, "at_peak_mib": memory and memory.at_peak,
                  "outputs_bytes": outputs or {}, **extra}
        self.data["runs"].append(record)
        line = f"{label:>24}: {documents} documents in {seconds:.2f} s"
        if rate:
            line += f" = {rate:.1f} documents/s"
        if record["x_floor"] is not None:
            line += f" ({record['x_floor']:.0f}× floor)"
        if memory:
            line += f"; peak {memory.peak_mib:.0f} MiB (" + ", ".join(
                f"{role} {mib:.0f}" for role, mib in sorted(memory.at_peak.items(), key=lambda x: -x[1])) + ")"
        if outputs:
            line += "; " + ", ".join(f"{name} {human(n)}" for name, n in outputs.items())
        print(line)
        return record

    def note(self, key: str, value: Any) -> None:
        """A fact that is not a run (what was edited, say): recorded and printed."""
        self.data["notes"][key] = value
        print(f"{key:>24}: {value}")

    def write(self) -> Path:
        self.data["load_after"] = _loadavg()
        self.data["maxrss_mib"] = maxrss_mib()
        self.json_path.parent.mkdir(parents=True, exist_ok=True)
        self.json_path.write_text(json.dumps(self.data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"load {_load()}; peak RSS of this process (ru_maxrss) {self.data['maxrss_mib']:.0f} MiB; "
              f"written {self.json_path}")
        return self.json_path


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" (1, 5, 15 min; {os.cpu_count()} cores)"


# ---------------------------------------------------------------- command line and corpus

def arguments(doc: str, documents: int = 1000, jobs: bool = True, sizes: bool = False) -> argparse.ArgumentParser:
    """The options every benchmark takes (`sizes`: --documents takes several numbers, a list)."""
    from tei.executors import available_cpus

    parser = argparse.ArgumentParser(description=doc.splitlines()[0], epilog="\n".join(doc.splitlines()[1:]),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, nargs="+" if sizes else None,
                        default=[documents] if sizes else documents, help=f"documents (default {documents})")
    if jobs:
        parser.add_argument("--jobs", type=int, default=available_cpus(),
                            help="worker processes (default: every CPU; 1: this process only)")
    parser.add_argument("--seed", type=int, default=0, help="the generated corpus's seed (default 0)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep what was made there")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures here "
                        "(default benchmarks/results/NAME.json)")
    return parser


@contextmanager
def workspace(keep: Path | None, name: str) -> Iterator[Path]:
    """A folder to work in: --keep DIR (left behind), else a temporary one (removed)."""
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def empty(folder: Path) -> Path:
    """`folder`, emptied: a stage measured from an empty output does the real work (no manifest, no state)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def edition_folder(folder: Path, count: int, seed: int = 0) -> Path:
    """An edition folder of `count` generated transcripts (benchmarks/make_corpus.py): edition.toml, sources/."""
    from make_corpus import make_corpus

    empty(folder)
    start = time.perf_counter()
    make_corpus(folder, count, seed)
    print(f"{'corpus':>24}: {count} transcripts generated in {time.perf_counter() - start:.1f} s "
          f"({human(size_of(folder / 'sources'))}), seed {seed}")
    return folder


def convert(folder: Path, jobs: int | None, out: Path) -> tuple[Any, list[Path]]:
    """Convert an edition folder's sources to TEI (folder/tei/) as `tei build` does, its manifest in `out`:
    the ConvertReport and the TEI files."""
    from tei.build import Layout, Manifest, convert_stage
    from tei.edition import load_edition
    from tei.executors import make_executor

    layout = Layout(folder, out)
    with closing(make_executor("local", jobs)) as executor:
        # Generated headerless documents may be read with low confidence: the benchmark times them all.
        report = convert_stage(layout, load_edition(layout.edition), Manifest(layout, layout.edition), executor,
                               accept_low_confidence=True)
    failed = [o for o in report.outcomes if o.status == "failed"]
    if failed:
        print(f"{'':>24}  {len(failed)} transcripts failed to convert, e.g. {failed[0].source}: {failed[0].message}")
    return report, sorted(layout.tei.glob("*.xml"))


def tei_corpus(work: Path, count: int, seed: int, jobs: int | None,
               names: bool = False) -> tuple[Path, list[Path]]:
    """A generated edition converted to TEI, for the stages that start from TEI: (edition folder, TEI files).
    `jobs`: worker processes for converting (None: every CPU); `names`: with the edition's authority file
    (corpus/authority.xml, copied into the edition folder), so that the names of the texts are tagged."""
    folder = edition_folder(work / "edition", count, seed)
    if names:
        shutil.copy(REPO / "corpus" / "authority.xml", folder / "authority.xml")
    report, files = convert(folder, jobs, work / "convert-state")
    print(f"{'':>24}  converted to TEI in {report.seconds:.1f} s ({human(size_of(*files))})")
    return folder, files


def site_workspace(work: Path, args: argparse.Namespace, result: Result,
                   out: str = "site") -> tuple[list[Path], Any, Path]:
    """What the benchmarks that start from TEI start from: a generated edition's TEI files (their floor
    measured), its edition facts, and an empty folder `out` for what the stage makes."""
    from tei.edition import load_edition

    folder, files = tei_corpus(work, args.documents, args.seed, getattr(args, "jobs", None),
                               getattr(args, "names", False))
    result.floor(files)
    return files, load_edition(folder / "edition.toml"), empty(work / out)


def edit_one_word(path: Path) -> str:
    """Change one word of a transcript's or TEI file's text, as an editor would: the last long word of the text
    (far from the header), spelt backwards in the same script.  Returns "old -> new"."""
    text = path.read_text(encoding="utf-8")
    for word in reversed(list(re.finditer(r"\b[A-Za-zА-Яа-яЁё]{6,}\b", text))):
        before = text[:word.start()]
        old = word.group()
        new = old[::-1].lower()
        new = new.capitalize() if old[0].isupper() else new
        if before.rfind("<") <= before.rfind(">") and new != old:  # text, not a tag (a transcript has no tags)
            path.write_text(before + new + text[word.end():], encoding="utf-8")
            return f"{old} -> {new}"
    raise SystemExit(f"{path}: no word to edit")
