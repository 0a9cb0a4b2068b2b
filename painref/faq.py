"""The FAQ: questions in data/faq.yml, permanent ids in data/faq-anchors.yml.

One data file feeds the /faq/ page, its FAQPage JSON-LD and the "Common
questions" lists on procedure pages. Every id ever published is recorded
in the anchor registry; an id may only leave the page with a redirect, so
a link in a referral letter keeps working for years.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

import markdown as md

from . import DATA_DIR, datafile, vocab

FAQ_FILE = DATA_DIR / "faq.yml"
ANCHOR_FILE = DATA_DIR / "faq-anchors.yml"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID = 60
FOOTNOTE = re.compile(r"\[\^([^\]]+)\]")
SENTENCE_END = re.compile(r"[.!?](?:[\"')\]]*)(?:\s+|$)")
SENTENCES = (2, 6)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answer: str
    topic: str
    procedures: tuple[str, ...]
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class Faq:
    topics: tuple[tuple[str, str], ...]  # (id, title)
    questions: tuple[Question, ...]

    def by_procedure(self, slug: str) -> list[Question]:
        return [q for q in self.questions if slug in q.procedures]


class FaqError(ValueError):
    pass


def _read(path):
    return datafile.read(path, f"data/{path.name}", FaqError)


def load(path=FAQ_FILE) -> Faq:
    data = _read(path)
    label = path.name
    topics, questions = [], []
    for topic in data.get("topics", []):
        topics.append((topic["id"], topic["title"]))
        for item in topic.get("questions", []):
            missing = {"id", "question", "answer"} - set(item)
            if missing:
                raise FaqError(f"data/{label}: question {item.get('id', item.get('question'))!r} lacks {', '.join(sorted(missing))}; fix: add it")
            questions.append(Question(
                id=item["id"],
                question=" ".join(item["question"].split()),
                answer=item["answer"].strip(),
                topic=topic["id"],
                procedures=tuple(item.get("procedures") or ()),
                conditions=tuple(item.get("conditions") or ()),
            ))
    if "references" in data:
        raise FaqError(f"data/{label}: 'references:' is no longer read; fix: move each entry to data/references.yml and cite it by key")
    return Faq(tuple(topics), tuple(questions))


def load_anchors(path=ANCHOR_FILE) -> tuple[list[str], dict[str, str]]:
    data = _read(path)
    return list(data.get("ids") or []), dict(data.get("redirects") or {})


def sentence_count(text: str) -> int:
    plain = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", FOOTNOTE.sub("", text))
    plain = re.sub(r"\b(e\.g|i\.e|etc|vs|Dr|approx)\.", r"\1", plain)
    return len(SENTENCE_END.findall(plain.strip() + " "))


def problems(faq: Faq, anchors: tuple[list[str], dict[str, str]], procedure_slugs: set[str]) -> list[str]:
    """Every rule the FAQ data must meet, as one-line messages."""
    out = []
    label = "data/faq.yml"
    seen: set[str] = set()
    for topic_id, _ in faq.topics:
        if not ID.match(topic_id):
            out.append(f"{label}: topic id '{topic_id}' is not kebab-case; fix: use lowercase words joined by hyphens")
    for q in faq.questions:
        where = f"{label}: question '{q.id}'"
        if not ID.match(q.id) or len(q.id) > MAX_ID:
            out.append(f"{where}: id must be kebab-case and at most {MAX_ID} characters; fix: rename it (and record the old one with a redirect if it was published)")
        if q.id in seen:
            out.append(f"{where}: id is used twice; fix: give one of them another id")
        seen.add(q.id)
        if not q.question.endswith("?"):
            out.append(f"{where}: question text must end with '?'; fix: phrase it as a question")
        count = sentence_count(q.answer)
        if not SENTENCES[0] <= count <= SENTENCES[1]:
            out.append(f"{where}: answer has {count} sentences, {SENTENCES[0]} to {SENTENCES[1]} expected; fix: shorten it and link to the page with detail")
        for slug in q.procedures:
            if slug not in procedure_slugs:
                out.append(f"{where}: unknown procedure '{slug}'; fix: use a file name from docs/procedures/")
        for slug in q.conditions:
            if slug not in vocab.conditions():
                out.append(f"{where}: unknown condition '{slug}'; fix: use a slug from data/conditions.yml")
    out += anchor_problems(seen, anchors)
    return out


def anchor_problems(current: set[str], anchors: tuple[list[str], dict[str, str]]) -> list[str]:
    """Published ids may move, never vanish; new ids must be recorded."""
    recorded, redirects = anchors
    label = "data/faq-anchors.yml"
    out = []
    for faq_id in recorded:
        if faq_id not in current and faq_id not in redirects:
            out.append(f"{label}: published id '{faq_id}' is no longer on /faq/; fix: restore the question or add a redirect '{faq_id}: <new id>' under 'redirects:'")
    for faq_id in sorted(current - set(recorded)):
        out.append(f"{label}: id '{faq_id}' is on /faq/ but not recorded; fix: add it to 'ids:' (ids are permanent once published)")
    for old, new in redirects.items():
        if old in current:
            out.append(f"{label}: redirect from '{old}' shadows a live question with that id; fix: remove the redirect or the question")
        if new not in current:
            out.append(f"{label}: redirect '{old}' points to '{new}', which is not on /faq/; fix: point it to a live question id")
        if old not in recorded:
            out.append(f"{label}: redirect source '{old}' is not in 'ids:'; fix: keep every published id listed")
    return out


def page_markdown(faq: Faq) -> str:
    """The questions, grouped by topic, with explicit permanent ids."""
    out = []
    for topic_id, title in faq.topics:
        out += [f"## {title} {{#{topic_id}}}", ""]
        for q in faq.questions:
            if q.topic != topic_id:
                continue
            out += [
                f'<div class="ipm-faq" markdown>',
                "",
                f"### {q.question} {{#{q.id}}}",
                "",
                copy_button(q),
                "",
                q.answer,
                "",
                "</div>",
                "",
            ]
    if any(FOOTNOTE.search(q.answer) for q in faq.questions):
        # The list itself is rendered from data/references.yml.
        out += ["## References {#references}", ""]
    return "\n".join(out)


def copy_button(q: Question) -> str:
    return (
        f'<button type="button" class="ipm-copy-link" data-ipm-copy="{q.id}">'
        f'Copy link<span class="ipm-sr-only"> to the answer: {escape(q.question)}</span></button>'
    )


class _Text(HTMLParser):
    """Collects the text of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


@lru_cache(maxsize=None)
def plain_text(markdown_text: str) -> str:
    """Answer text without markup or reference markers, for JSON-LD."""
    parser = _Text()
    parser.feed(md.markdown(FOOTNOTE.sub("", markdown_text)))
    return " ".join("".join(parser.parts).split())


def json_ld(faq: Faq) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": q.question,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(q.answer)},
            }
            for q in faq.questions
        ],
    }
    # "</" inside a script element would end it early.
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")


def redirect_map(anchors: tuple[list[str], dict[str, str]]) -> str:
    return json.dumps(anchors[1], sort_keys=True)


def common_questions(from_uri: str, questions: list[Question]) -> str:
    """The "Common questions" section for a procedure or condition page."""
    if not questions:
        return ""
    depth = from_uri.count("/")
    faq_path = "../" * depth + "faq.md"
    items = "\n".join(f"- [{q.question}]({faq_path}#{q.id})" for q in questions)
    return f"## Common questions {{#common-questions}}\n\n{items}\n\n"
