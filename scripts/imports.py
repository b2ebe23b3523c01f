#!/usr/bin/env python3
"""The import graph between the files of `src/`: circles and arrows that run up.

Reads every `use` statement and every inline `crate::…` / `super::…` / `scs_sim::…` path,
resolves each to the file that defines it (following `pub use` re-exports in a module's
`mod.rs`), and prints:

- every circle between files (strongly connected groups of two or more files), and
- every arrow from a lower layer to a higher one (the layers are ARCHITECTURE.md's).

Exit status 1 when there is either, so CI can hold the line. `--quiet` prints only the
counts. No third-party packages: Python 3 alone.
"""

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# Layers from the bottom up (ARCHITECTURE.md, "Layers"). A file may import from its own
# layer or any below it. Top-level files not listed here sit in the layer named for them.
LAYERS = [
    ("files",),
    ("patient",),
    ("device",),
    ("clinician", "remote"),
    ("implant",),
    ("library",),
    ("session",),
    ("training",),
    ("ui", "cli", "server", "bin", "main", "lib"),
]


def layer_of(rel: str) -> int:
    top = rel.split("/")[0].removesuffix(".rs")
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise SystemExit(f"imports.py: {rel} is in no layer; add its folder to LAYERS")


def module_path(rel: str) -> tuple:
    """`a/b/mod.rs` → (a, b); `a/b.rs` → (a, b); `lib.rs`/`main.rs` → ()."""
    parts = rel[:-3].split("/")
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def crate_of(rel: str) -> str:
    """The binary crate holds `main.rs` and `cli/`; the library holds the rest."""
    return "bin" if rel == "main.rs" or rel.startswith("cli/") else "lib"


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)


def self_in_tests(text: str) -> str:
    """In a file's `mod tests { … }` (at its end), `super` is the file itself, not its
    parent: `use super::*;` there is no arrow to the parent module."""
    m = re.search(r"\n#\[cfg\(test\)\]\s*mod tests\s*\{", text)
    if not m:
        return text
    return text[: m.end()] + text[m.end() :].replace("super::", "self::")


def expand_use_tree(tree: str) -> list:
    """`a::{b, c::{d, e}}` → [a::b, a::c::d, a::c::e] (aliases dropped)."""
    tree = re.sub(r"\s+", "", tree)
    depth, split_at = 0, None
    for i, ch in enumerate(tree):
        if ch == "{":
            if depth == 0 and split_at is None:
                split_at = i
            depth += 1
        elif ch == "}":
            depth -= 1
    if split_at is None:
        return [tree.split("as")[0] if "::" in tree or tree else tree]
    prefix, inner = tree[:split_at], tree[split_at + 1 : tree.rindex("}")]
    items, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            items.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    items.append(cur)
    out = []
    for item in filter(None, items):
        for sub in expand_use_tree(item):
            out.append(prefix + sub if sub != "self" else prefix.rstrip(":"))
    return out


class Graph:
    def __init__(self):
        self.files = sorted(
            str(p.relative_to(SRC)) for p in SRC.rglob("*.rs")
        )
        self.by_module = {}
        for rel in self.files:
            self.by_module[(crate_of(rel), module_path(rel))] = rel
        self.texts = {rel: self_in_tests(strip_comments((SRC / rel).read_text())) for rel in self.files}
        self.reexports = {rel: self.pub_uses(rel) for rel in self.files}

    def pub_uses(self, rel: str) -> dict:
        """Names a module re-exports: name → absolute path segments."""
        found = {}
        for m in re.finditer(r"pub(?:\([^)]*\))?\s+use\s+([^;]+);", self.texts[rel]):
            for path in expand_use_tree(m.group(1)):
                segs = self.absolute(rel, path.split("::"))
                if segs:
                    found[segs[1][-1]] = segs
        return found

    def absolute(self, rel: str, segs: list):
        """Path segments as written in `rel` → (crate, absolute segments), or None."""
        here = module_path(rel)
        crate = crate_of(rel)
        if segs[0] == "crate":
            return crate, tuple(segs[1:])
        if segs[0] == "scs_sim":
            return "lib", tuple(segs[1:])
        if segs[0] in ("super", "self"):
            base = list(here)
            # In `a/b.rs`, `super` is `a`; in `a/mod.rs` it is a's parent.
            while segs and segs[0] in ("super", "self"):
                if segs[0] == "super":
                    base = base[:-1]
                segs = segs[1:]
            return crate, tuple(base) + tuple(segs)
        # A child module of this one (`use child::Thing;` in a mod.rs).
        if (crate, here + (segs[0],)) in self.by_module:
            return crate, here + tuple(segs)
        return None

    def resolve(self, crate: str, segs: tuple, seen=0):
        """The file that defines what `segs` names, following re-exports."""
        for n in range(len(segs), -1, -1):
            rel = self.by_module.get((crate, segs[:n]))
            if rel is None:
                continue
            rest = segs[n:]
            if rest and seen < 8 and rest[0] in self.reexports[rel]:
                c, target = self.reexports[rel][rest[0]]
                return self.resolve(c, target + rest[1:], seen + 1)
            return rel
        return None

    def edges(self):
        out = set()
        for rel in self.files:
            text = self.texts[rel]
            paths = []
            for m in re.finditer(r"\buse\s+([^;]+);", text):
                paths += expand_use_tree(m.group(1))
            paths += re.findall(r"\b(?:crate|super|scs_sim)(?:::\w+)+", text)
            for path in paths:
                ab = self.absolute(rel, path.split("::"))
                if ab is None:
                    continue
                target = self.resolve(*ab)
                if target and target != rel:
                    out.add((rel, target))
        return out


def circles(files, edges):
    """Tarjan's strongly connected components of size > 1."""
    graph = {f: [] for f in files}
    for a, b in edges:
        graph[a].append(b)
    index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for f in files:
        if f not in index:
            visit(f)
    return comps


def main():
    quiet = "--quiet" in sys.argv
    g = Graph()
    edges = g.edges()
    comps = circles(g.files, edges)
    up = sorted((a, b) for a, b in edges if layer_of(b) > layer_of(a))
    if not quiet:
        for comp in comps:
            print(f"circle of {len(comp)} files: " + ", ".join(comp))
        for a, b in up:
            print(f"arrow up: {a} -> {b}")
    print(f"{len(g.files)} files, {len(edges)} arrows, {len(comps)} circles, {len(up)} arrows up")
    sys.exit(1 if comps or up else 0)


if __name__ == "__main__":
    main()
