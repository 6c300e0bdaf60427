"""WordNet's broad sense classes of English verbs and nouns → the role tagger's lexicon.

    apt-get install wordnet-base        # WordNet 3.0, Princeton (Debian package)
    .venv/bin/python training/wordnet_classes.py [/usr/share/wordnet]

Writes src/sourcetrace/learned/wordnet_classes.tsv.gz: one line per single-word lemma,
`lemma<TAB>verb classes<TAB>noun classes`, each the lexicographer files ("communication",
"cognition", "person", …) of the lemma's two most frequent senses, joined by "|", or
empty. Why: of the cues the tagger misses on PolNeAR dev, most are words seen once or
never in training ("chanting", "vowed", "touted"); WordNet files "chant", "vow" and "tout"
under verb.communication, which the tagger can learn from the common cues and carry over.

WordNet 3.0 is Princeton's, under its own permissive licence (use, copy, modify and
distribute, provided its copyright notice, statements and disclaimer go with every copy):
the command copies that notice from the data files' header into
src/sourcetrace/learned/wordnet_classes.LICENSE, beside the lexicon.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

# The lexicographer files in WordNet's order (lexnames(5WN)); data files store the index.
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
    "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
    "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
    "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
    "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
SENSES = 2  # the most frequent senses come first in WordNet's index
OUT = Path(__file__).resolve().parents[1] / "src" / "sourcetrace" / "learned" / "wordnet_classes.tsv.gz"
NOTICE = OUT.with_name("wordnet_classes.LICENSE")


def lexicographer_files(wordnet: Path, pos: str) -> dict[str, str]:
    """Synset offset → its lexicographer file's short name, from data.<pos>."""
    files = {}
    for line in (wordnet / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):  # the licence header
            continue
        offset, number = line.split(" ", 2)[:2]
        files[offset] = LEXNAMES[int(number)].split(".", 1)[1]
    return files


def classes(wordnet: Path, pos: str) -> dict[str, str]:
    """Single-word lemma → the classes of its first senses, from index.<pos>."""
    files = lexicographer_files(wordnet, pos)
    out = {}
    for line in (wordnet / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        lemma, synsets = fields[0], int(fields[2])
        if "_" in lemma:
            continue
        out[lemma] = "|".join(files[offset] for offset in fields[-synsets:][:SENSES])
    return out


def licence_notice(wordnet: Path) -> str:
    """The licence WordNet's data files open with ("  1 This software and database ..."),
    without the line numbers."""
    lines = []
    for line in (wordnet / "data.verb").read_text(encoding="latin-1").splitlines():
        if not line.startswith("  "):
            break
        lines.append(line.strip().split(" ", 1)[1].rstrip() if " " in line.strip() else "")
    return "\n".join(lines).strip() + "\n"


def main(wordnet: Path) -> None:
    if not (wordnet / "index.verb").is_file():
        sys.exit(f"{wordnet}: no WordNet data (index.verb); install it with `apt-get install wordnet-base`")
    verbs, nouns = classes(wordnet, "verb"), classes(wordnet, "noun")
    lines = [
        f"{lemma}\t{verbs.get(lemma, '')}\t{nouns.get(lemma, '')}" for lemma in sorted(verbs.keys() | nouns.keys())
    ]
    # mtime=0: the same WordNet gives a byte-identical file
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    NOTICE.write_text(
        "wordnet_classes.tsv.gz is derived from WordNet 3.0 (lexicographer files of each lemma's first\n"
        "senses) by training/wordnet_classes.py. WordNet's licence, as its data files state it:\n\n"
        + licence_notice(wordnet),
        encoding="utf-8",
    )
    print(f"{OUT}: {len(lines)} lemmas ({len(verbs)} verbs, {len(nouns)} nouns), {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))
