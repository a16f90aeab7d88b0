"""``unspun report FILES... -o class.csv [--pack PACK] [--gradebook] [--items ITEMS.csv]``: a class report.

Prints a short summary, writes the report as CSV (``docs/class-report.md``), and lists each
file it skipped on stderr with the reason. With ``--gradebook`` the CSV is the gradebook instead:
one row per learner, one column per quiz, as a school's gradebook imports it; ``--items`` writes
the item analysis alone, one row per question. Exits 0 when at least one file was read, 1 when none
was (or the CSV could not be written), 2 for a bad command line. Never imports Qt.
"""

from __future__ import annotations

import argparse
import sys

from app.commands import PROG
from app.model.atomic import OutputError, refuse_input_as_output
from app.model.class_report import FLAG_EXPLANATIONS, ClassReport, read_class, report_from, write_csv
from app.model.gradebook import gradebook_from, write_gradebook, write_item_analysis
from app.model.loader import load_pack
from app.model.pack import Pack
from app.model.results import ResultsError
from app.model.source import pack_label


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line of ``report``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} report",
        description="Read many learners' results files (JSON) and write a class report as CSV.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="results files exported by learners (.json)")
    parser.add_argument("-o", "--output", required=True, metavar="CSV", help="the CSV file to write")
    parser.add_argument(
        "--pack",
        metavar="PACK",
        help="the pack the results are for (folder, pack.yaml or .zip): adds techniques and question texts",
    )
    parser.add_argument(
        "--gradebook",
        action="store_true",
        help="write a gradebook instead: one row per learner, one column per quiz (best score in percent)",
    )
    parser.add_argument("--items", metavar="CSV", help="also write the item analysis, one row per question, here")
    parser.add_argument(
        "--registration",
        metavar="UUID",
        help="only the results sent for this class run (the registration of its class file)",
    )
    return parser


def _load(path: str) -> Pack | None:
    """Load the pack, printing its problems when it has errors."""
    result = load_pack(path)
    if result.pack is None or result.errors:
        for problem in result.errors[:20]:
            print(problem.format(pack_label(path)), file=sys.stderr)
        print(f"unspun report: the pack {path} has errors", file=sys.stderr)
        return None
    return result.pack


def summary_lines(report: ClassReport) -> list[str]:
    """Sum the report up in a few lines for the terminal."""
    lines = [
        f"Class report for {report.pack_title!r}: {len(report.learners)} learner{'s' * (len(report.learners) != 1)} "
        f"from {len(report.files_read)} file{'s' * (len(report.files_read) != 1)}.",
    ]
    if report.learners:
        done = sum(row.completion for row in report.learners) / len(report.learners)
        lines.append(f"Average completion: {round(done * 100)}% of the lessons.")
    answered = [q for q in report.questions if q.facility is not None]
    if answered:
        hardest = min(answered, key=lambda q: q.facility or 0.0)
        lines.append(
            f"Questions: {len(report.questions)}; hardest: {hardest.question_id} "
            f"(facility {round((hardest.facility or 0.0) * 100)}%)."
        )
    for question in report.flagged:
        reasons = "; ".join(f"{flag}: {FLAG_EXPLANATIONS[flag]}" for flag in question.flags)
        lines.append(f"  Check {question.question_id} ({question.quiz_title}): {reasons}.")
    if report.techniques:
        row = report.techniques[0]
        if row.facility is not None:
            lines.append(f"Hardest technique: {row.label} ({round(row.facility * 100)}% on first tries).")
    lines.append(report.change.reading)
    return lines


def run_report(argv: list[str]) -> int:
    """Build the class report; return 0 when any file was read, 1 when none was, 2 for a bad command line."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    try:
        inputs = [*args.files, *([args.pack] if args.pack else [])]
        refuse_input_as_output(args.output, inputs)
        if args.items:
            refuse_input_as_output(args.items, [*inputs, args.output])
    except OutputError as error:
        print(f"unspun report: {error}", file=sys.stderr)
        return 2
    pack = None
    if args.pack:
        pack = _load(args.pack)
        if pack is None:
            return 1
    data = read_class(args.files, pack.id if pack is not None else None, args.registration)
    report = report_from(data, pack)
    for skipped in report.skipped:
        print(f"skipped: {skipped.reason}", file=sys.stderr)
    if not report.files_read:
        print("unspun report: no results file could be read; nothing written", file=sys.stderr)
        return 1
    try:
        if args.gradebook:
            gradebook = gradebook_from(data, pack)
            write_gradebook(gradebook, args.output)
        else:
            write_csv(report, args.output)
        if args.items:
            write_item_analysis(report, args.items)
    except ResultsError as error:
        print(f"unspun report: {error}", file=sys.stderr)
        return 1
    for line in summary_lines(report):
        print(line)
    if args.gradebook:
        print(f"Wrote the gradebook ({len(gradebook.rows)} learners, {len(gradebook.quizzes)} quizzes) to {args.output}")
    else:
        print(f"Wrote the class report to {args.output}")
    if args.items:
        print(f"Wrote the item analysis ({len(report.questions)} questions) to {args.items}")
    return 0
