"""Benchmark: validating a large pack against a bare libyaml parse of the same files.

Generates, in a temporary folder, a valid pack of 200+ modules holding about 16,000 questions of
every type (more than 10 MB of YAML), then measures in the same run, best of several runs each:

- ``load_pack`` (reading, YAML, schema walk, Struct conversion, every check);
- ``yaml.load(data, Loader=yaml.CSafeLoader)`` of the same files (the baseline).

It prints both times, their ratio (the goal is at most 1.5) and the peak memory of one validation.

    .venv/bin/python bench/validate.py [--modules 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.model.loader import load_pack

QUESTIONS_PER_QUIZ = 10
QUIZZES_PER_MODULE = 8

WORDS = [
    "state",
    "media",
    "framing",
    "repost",
    "censor",
    "rumour",
    "official",
    "statement",
    "verified",
    "source",
    "evidence",
    "claim",
    "headline",
    "platform",
    "account",
    "comment",
    "share",
    "narrative",
    "context",
    "quote",
    "translation",
    "reader",
    "trust",
]


def sentence(seed: int, length: int = 18) -> str:
    """Return a deterministic sentence of ``length`` words."""
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)).capitalize() + "."


def paragraph(seed: int, sentences: int = 4) -> str:
    """Return a deterministic paragraph."""
    return " ".join(sentence(seed + i) for i in range(sentences))


def question(kind: str, qid: str, seed: int) -> str:
    """Return one question of type ``kind`` as YAML list-item text, indented for a quiz."""
    common = (
        f"- id: {qid}\n  type: {kind}\n  prompt: |\n    {sentence(seed, 14)}\n"
        f"  explanation: {sentence(seed + 1, 12)} [@src-{seed % 20}]\n  hint: {sentence(seed + 2, 8)}\n"
        f"  techniques: [tech-{seed % 10}]\n"
    )
    text = paragraph(seed, 2)
    if kind in ("single", "multiple"):
        return common + (
            f"  choices:\n    - text: {sentence(seed, 8)}\n      correct: true\n      feedback: Right.\n"
            f"    - text: {sentence(seed + 3, 8)}\n      correct: {'true' if kind == 'multiple' else 'false'}\n"
            f"    - text: {sentence(seed + 5, 8)}\n      feedback: Look again at the source.\n"
        )
    if kind == "true_false":
        return common + "  answer: false\n"
    if kind == "short":
        return common + "  answers: [testimonial, a testimonial, testimonials]\n"
    if kind == "order":
        return common + "  items:\n" + "".join(f"    - Step {i} {sentence(seed + i, 5)}\n" for i in range(4))
    if kind == "match":
        return (
            common
            + "  pairs:\n"
            + "".join(
                f"    - left: Left {i} {sentence(seed + i, 4)}\n      right: Right {i}\n" for i in range(3)
            )
        )
    if kind == "spot":
        words = text.split()
        return common + (
            f"  text: {text}\n  targets:\n    - quote: {words[1]} {words[2]}\n      technique: tech-1\n"
            f"    - quote: {words[5]} {words[6]}\n      note: {sentence(seed, 6)}\n"
        )
    if kind == "categorize":
        return common + (
            "  categories: [Evidence, Not evidence]\n  items:\n"
            f"    - text: {sentence(seed, 6)}\n      category: Evidence\n"
            f"    - text: {sentence(seed + 1, 6)}\n      category: Not evidence\n"
        )
    return common + (
        f"  item:\n    medium: post\n    platform: Weibo\n    author: '@account{seed}'\n"
        f"    illustrative: true\n    text: {text}\n  reliable: {'true' if seed % 2 else 'false'}\n"
    )


KINDS = ("single", "multiple", "true_false", "short", "order", "match", "spot", "categorize", "judge")


def indent(text: str, spaces: int) -> str:
    """Indent every line of ``text``."""
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


def module_text(number: int) -> str:
    """Return the YAML of module ``number``: readings, examples, compares, quizzes, reflections."""
    out = [
        f"id: module-{number}\ntitle: Module {number}\nsummary: {sentence(number)}\nminutes: 30\nlessons:\n"
    ]
    seed = number * 1000
    for lesson in range(QUIZZES_PER_MODULE):
        seed += 100
        text = paragraph(seed, 2)
        words = text.split()
        steps = (
            f"- id: read\n  reading:\n    title: {sentence(seed, 4)}\n    body: |\n"
            f"      {paragraph(seed, 5)} [@src-{seed % 20}, para 2]\n\n"
            f"      {paragraph(seed + 1, 5)} See [the source](https://example.org/{seed}).\n"
            f"    sources: [src-{seed % 20}]\n"
            f"- example:\n    medium: post\n    platform: Weibo\n    author: '@someone'\n"
            f"    illustrative: true\n    text: {text}\n    engagement: {{reposts: 5, comments: 3, likes: 40}}\n"
            f"    task: {sentence(seed, 10)}\n    annotations:\n"
            f"      - quote: {words[2]} {words[3]}\n        technique: tech-{seed % 10}\n"
            f"        note: {sentence(seed + 4, 12)}\n"
            f"    sources: [src-{seed % 20}]\n"
            f"- compare:\n    question: {sentence(seed, 10)}\n    examples:\n"
            f"      - {{medium: headline, text: {sentence(seed, 8)}}}\n"
            f"      - {{medium: article, text: {sentence(seed + 1, 8)}}}\n"
            f"- quiz:\n    mode: practice\n    questions:\n"
            + indent(
                "".join(
                    question(KINDS[(lesson + i) % len(KINDS)], f"q{lesson}-{i}", seed + i)
                    for i in range(QUESTIONS_PER_QUIZ)
                ),
                6,
            )
            + f"- reflect:\n    prompt: {sentence(seed, 12)}\n    min_words: 20\n"
        )
        out.append(f"  - id: lesson-{lesson}\n    title: Lesson {lesson}\n    steps:\n" + indent(steps, 6))
    return "".join(out)


def write_pack(root: Path, modules: int) -> list[Path]:
    """Write the benchmark pack under ``root``; return its YAML files."""
    sources = "".join(
        f"  src-{i}:\n    title: Source {i}\n    publisher: Publisher\n    url: https://example.org/{i}\n"
        for i in range(20)
    )
    techniques = "".join(
        f"  tech-{i}:\n    label: Technique {i}\n    color: '#00{i}0{i}0'\n" for i in range(10)
    )
    listing = "".join(f"  - modules/m{i}.yaml\n" for i in range(modules))
    manifest = (
        "format: 1\nid: bench\ntitle: Benchmark pack\n"
        f"sources:\n{sources}techniques:\n{techniques}modules:\n{listing}"
    )
    (root / "modules").mkdir(parents=True)
    (root / "pack.yaml").write_text(manifest, encoding="utf-8")
    files = [root / "pack.yaml"]
    for i in range(modules):
        path = root / "modules" / f"m{i}.yaml"
        path.write_text(module_text(i), encoding="utf-8")
        files.append(path)
    return files


def best_times(runs: int, *actions: Callable[[], object]) -> list[float]:
    """Return the best wall time of each action over ``runs`` rounds, interleaved so load spikes hit both."""
    best = [float("inf")] * len(actions)
    for _ in range(runs):
        for index, action in enumerate(actions):
            gc.collect()
            start = time.perf_counter()
            action()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def main() -> int:
    """Generate the pack, measure, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "pack"
        files = write_pack(root, args.modules)
        data = [path.read_bytes() for path in files]
        size = sum(len(d) for d in data)
        result = load_pack(root)
        if not result.ok:
            for problem in result.errors[:20]:
                print(problem.format(str(root)))
            return 1
        questions = sum(
            len(step.quiz.questions)
            for module in result.pack.modules  # type: ignore[union-attr]
            for lesson in module.lessons
            for step in lesson.steps
            if step.quiz is not None
        )
        print(f"pack: {len(files) - 1} modules, {questions:,} questions, {size / 1e6:.1f} MB of YAML")

        def baseline() -> None:
            for chunk in data:
                yaml.load(chunk, Loader=yaml.CSafeLoader)

        parse, validate = best_times(args.runs, baseline, lambda: load_pack(root))
        tracemalloc.start()
        load_pack(root)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"yaml.load (CSafeLoader): {parse:.2f} s")
        print(f"load_pack (validate):    {validate:.2f} s")
        print(f"ratio:                   {validate / parse:.2f}x (goal <= 1.5x)")
        print(f"peak memory (tracemalloc) of one validation: {peak / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
