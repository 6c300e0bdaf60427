"""Cleaning: from a `RawArticle` to an `Article` whose text is fixed from then on.

Scraped articles carry text that is not the article: `See also <headline>` link text
and photo captions glued into paragraphs, `Related materials:` tails, lists of links,
odd whitespace. Cleaning takes these out and lists each one as a `Removed(kind, text)`,
in order, so that nothing is lost silently. Kinds:

    whitespace     "<n> whitespace runs normalised" (line endings, odd spaces, blank runs)
    see_also       "See also <headline>" glued to the end of a paragraph
    caption        a photo caption glued after it, or on a line of its own, its name run
                   into its role
                   ("Ivan PetrovRussian economist", "Pavel Orlovformer general");
                   without such a seam it stays in the see_also item
    related_tail   a line that is only a marker such as "Related materials:" or "Read also"
    link_list      lines of headlines: after a marker, or two or more in a row anywhere

Article sentences are never removed: a paragraph after a marker that reads as prose stays.
With `RawArticle.raw` the body is kept verbatim, so that offsets index the input itself.
"""

from __future__ import annotations

import dataclasses
import re

from .article import Article, RawArticle, Removed
from .errors import EmptyInput
from .quotes import OPENING_MARKS

__all__ = ["clean", "clean_text"]

_LINE_BREAKS = re.compile(r"[\r\x0b\x0c\x85\u2028\u2029]")  # after "\r\n" is made "\n"
# Zero-width characters and soft hyphens are invisible but split words for the parser.
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_SPACE_CHARS = " \t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
# A run of two or more space characters, or one that is not a plain space. Written
# without lookarounds: this runs over every character of every article.
_SPACES = re.compile(rf"[{_SPACE_CHARS[1:]}][{_SPACE_CHARS}]*| [{_SPACE_CHARS}]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_SURROGATES = re.compile("[\ud800-\udfff]")

_TAIL_MARKER = re.compile(
    r"(?:related(?: (?:materials|articles|stories|news|content|links|posts|reading|topics))?"
    r"|read (?:also|more)|also read|see also|more (?:on|about) (?:this|the) (?:topic|subject|story)"
    r"|more news|other news|latest news|further reading|recommended(?: for you)?"
    r"|you (?:may|might) also (?:like|be interested in))\s*:?",
    re.IGNORECASE,
)
# "See also" after a sentence end or a word (or opening a line), then a capitalised word.
_SEE_ALSO = re.compile(r"(?:^|(?<=[\w.!?…\"”’»)\]]) +)(See also:? (?=[\"“«‘']?[A-Z0-9]).*)$")
# A sentence boundary inside the glued text means article prose follows: leave it.
_PROSE = re.compile(r"[a-z]{2}[.!?][\"”’»]? +[\"“«]?[A-Z]")
# A caption's name run into its role: "Seymour HershAmerican journalist", or into a
# lowercase role word: "Pavel Orlovformer Belarusian general".
_ROLE_WORDS = (
    "former|retired|deputy|acting|ex-|head|chief|chairman|spokes(?:man|woman|person)"
    "|political|military|ambassador|minister|governor|mayor|director|general|colonel"
    "|commander|officer|expert|analyst|journalist|economist|politician|blogger|lawyer|professor"
)
_CAPTION = re.compile(rf"(?:\b[A-Z][\w'’-]*\.? )?\b[A-Z][a-z'’-]*[a-z]{{2}}(?=[A-Z][a-z]|(?:{_ROLE_WORDS})\b)")
_CLOSERS = "\"'”’»)]"
_MAX_GLUED = 400  # longer "See also" remainders are more than a headline and a caption
_MAX_HEADLINE = 120


def clean(raw: RawArticle) -> Article:
    """The article with its text fixed: cleaned, or verbatim when `raw.raw` is set."""
    raw = replace_surrogates(raw)
    if raw.raw:
        text, removed = raw.body, []
    else:
        text, removed = clean_text(raw.body)
    if not text.strip():
        kinds = ", ".join(sorted({r.kind for r in removed} - {"whitespace"}))
        raise EmptyInput(
            raw.input,
            "no article text left after cleaning" + (f" (removed: {kinds})" if kinds else ""),
            "check that the input is an article, or use --raw to analyse it as it is",
        )
    return Article(
        text=text,
        input=raw.input,
        title=raw.title,
        published=raw.published,
        outlet=raw.outlet,
        url=raw.url,
        author=raw.author,
        removed=removed,
        warnings=list(raw.warnings),
    )


def replace_surrogates(raw: RawArticle) -> RawArticle:
    """Lone surrogates (a JSON `\\ud800` escape, a caller's string) replaced by U+FFFD, with a
    warning. They are not text: spaCy, hashing and every writer fail on them. Every input
    passes here, so this is the one place; one character for one keeps the offsets."""
    changes: dict[str, str | None] = {}
    warnings = list(raw.warnings)
    for name in ("body", "title", "published", "outlet", "url", "author"):
        value = getattr(raw, name)
        if not isinstance(value, str) or not _SURROGATES.search(value):  # types are checked at the entry points
            continue
        value, count = _SURROGATES.subn("\ufffd", value)
        changes[name] = value
        field = "text" if name == "body" else name
        warnings.append(f"{count} lone surrogate(s) in the {field} replaced by U+FFFD; the input is not valid Unicode")
    return dataclasses.replace(raw, **changes, warnings=tuple(warnings)) if changes else raw


def clean_text(text: str) -> tuple[str, list[Removed]]:
    """Cleaned text and what was removed from it, in order. Pure: no article needed."""
    text, runs = normalise_whitespace(text)
    removed = [Removed("whitespace", f"{runs} whitespace runs normalised")] if runs else []
    lines, found = _remove_boilerplate(text.split("\n"))
    removed.extend(found)
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n"), removed


def normalise_whitespace(text: str) -> tuple[str, int]:
    """Plain spaces, `\\n` line ends, stripped lines, at most one blank line in a row;
    with the number of runs changed."""
    total = text.count("\r\n")
    text = text.replace("\r\n", "\n")
    for pattern, replacement in ((_LINE_BREAKS, "\n"), (_INVISIBLE, "")):
        text, count = pattern.subn(replacement, text)
        total += count
    lines = text.split("\n")
    stripped = [line.strip(_SPACE_CHARS) for line in lines]
    total += sum(1 for line, bare in zip(lines, stripped) if len(line) != len(bare))
    text = "\n".join(stripped)
    for pattern, replacement in ((_SPACES, " "), (_BLANK_RUNS, "\n\n")):
        text, count = pattern.subn(replacement, text)
        total += count
    # A file's final line break is a convention, not text, so dropping it is not counted.
    stripped_text = text.strip("\n")
    return stripped_text, total + (stripped_text not in (text, text[:-1]))


def _remove_boilerplate(lines: list[str]) -> tuple[list[str], list[Removed]]:
    kept: list[str] = []
    removed: list[Removed] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line and _TAIL_MARKER.fullmatch(line):
            removed.append(Removed("related_tail", line))
            end = _link_run_end(lines, i + 1, tail=True)
            _add_link_list(removed, lines[i + 1 : end])
            i = end
            continue
        end = _link_run_end(lines, i, tail=False) if line else i
        if sum(1 for item in lines[i:end] if item) >= 2 and not _introduces_list(kept):
            _add_link_list(removed, lines[i:end])
            i = end
            continue
        if _caption_line(line):  # "Seymour HershAmerican journalist" standing alone
            removed.append(Removed("caption", line))
            i += 1
            continue
        line, glued = _cut_see_also(line)
        kept.append(line)
        removed.extend(glued)
        i += 1
    return kept, removed


def _add_link_list(removed: list[Removed], lines: list[str]) -> None:
    links = [line for line in lines if line]
    if links:
        removed.append(Removed("link_list", "\n".join(links)))


def _link_run_end(lines: list[str], start: int, *, tail: bool) -> int:
    """End (exclusive) of the headline-like lines from `start`, blank lines between allowed."""
    end = j = start
    while j < len(lines):
        if lines[j] and not _headline_like(lines[j], tail=tail):
            break
        j += 1
        if lines[j - 1]:
            end = j
    return end


def _headline_like(line: str, *, tail: bool) -> bool:
    """Short, capitalised, without a sentence's final punctuation: a link, not prose.

    Under a marker a question mark is allowed too ("Will the talks resume?").
    """
    if len(line) >= _MAX_HEADLINE or line.startswith("By "):  # a byline names the reporter
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in OPENING_MARKS):
        return False
    last = line.rstrip(_CLOSERS)[-1:]
    return last not in ".!:;,…" and (tail or last != "?")


def _caption_line(line: str) -> bool:
    """A photo caption on a line of its own: a name of two words or more run into its role
    with no space ("Rostyslav BerezinDeputy Head of the Office of the President")."""
    glued = _CAPTION.match(line)
    return bool(glued) and " " in glued.group(0) and glued.end() < len(line) and _headline_like(line, tail=False)


def _introduces_list(kept: list[str]) -> bool:
    # "The demands are:" followed by short lines is the article's own list.
    previous = next((line for line in reversed(kept) if line), "")
    return previous.endswith(":")


def _cut_see_also(line: str) -> tuple[str, list[Removed]]:
    """The line without glued `See also <headline> <caption>` text, and what was cut."""
    match = _SEE_ALSO.search(line) if "See also" in line else None  # substring test is cheap
    if match is None:
        return line, []
    block = match.group(1)
    if len(block) > _MAX_GLUED or _PROSE.search(block):
        return line, []
    removed = [Removed("see_also", block)]
    captions = list(_CAPTION.finditer(block))
    if captions and captions[-1].start() > len("See also ") + 3:
        split = captions[-1].start()
        removed = [Removed("see_also", block[:split].rstrip()), Removed("caption", block[split:])]
    return line[: match.start()], removed
