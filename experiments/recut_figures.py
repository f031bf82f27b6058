"""The shape of the library's code, for before-and-after figures of a re-cut: each module's lines and public names,
the export cells of each notebook, the longest signatures and where `@patch` adds methods. Reads the source only
(nothing is imported), so it measures any checkout:

    python experiments/recut_figures.py [CHECKOUT] > figures.json    # default: this one"""
import ast, json, statistics, sys
from collections import Counter
from pathlib import Path
import nbformat

def modules(root: Path) -> dict:
    "Each exported module's source, by name."
    return {p.stem: p.read_text() for p in sorted((root/"sketchrnn_nb").glob("*.py")) if p.stem not in ("_modidx", "__init__")}

def size(src: str) -> dict:
    "Lines, and code lines (not blank, not a comment; docstrings count)."
    lines = src.splitlines()
    return {"lines": len(lines), "code": sum(1 for l in lines if l.strip() and not l.strip().startswith("#"))}

def public_names(tree: ast.Module) -> list:
    "The module's `__all__`."
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            return ast.literal_eval(node.value)
    return []

def export_cells(root: Path) -> dict:
    "The `#| export` cells' lengths in lines, by notebook."
    return {p.name: [len(c.source.splitlines()) for c in nbformat.read(p, as_version=4).cells
                     if c.cell_type == "code" and c.source.lstrip().startswith(("#| export", "#|export"))]
            for p in sorted((root/"nbs").glob("*.ipynb"))}

def summary(lengths: list) -> dict:
    "How many cells, their median and longest, how many are over 30 and over 50 lines."
    return {"cells": len(lengths), "median": statistics.median(lengths) if lengths else 0, "max": max(lengths, default=0),
            "over_30": sum(n > 30 for n in lengths), "over_50": sum(n > 50 for n in lengths)}

def functions(tree: ast.Module, module: str):
    "Yield `(qualified name, parameters but self/cls, patched class or None)` of every function and method."
    def walk(node, prefix):
        for ch in ast.iter_child_nodes(node):
            if isinstance(ch, ast.ClassDef): yield from walk(ch, f"{prefix}{ch.name}.")
            elif isinstance(ch, (ast.FunctionDef, ast.AsyncFunctionDef)):
                a = ch.args
                params = [*a.posonlyargs, *a.args]
                n = len(params) + len(a.kwonlyargs) + bool(a.vararg) + bool(a.kwarg)
                n -= bool(params) and params[0].arg in ("self", "cls")
                deco = [d.func if isinstance(d, ast.Call) else d for d in ch.decorator_list]
                patched = any(getattr(d, "id", None) == "patch" for d in deco) and params and params[0].annotation
                yield f"{module}.{prefix}{ch.name}", n, ast.unparse(params[0].annotation) if patched else None
                yield from walk(ch, f"{prefix}{ch.name}.<locals>.")
    yield from walk(tree, "")

def figures(root: Path) -> dict:
    "Every figure above, for the checkout at `root`."
    mods = modules(root)
    trees = {m: ast.parse(src) for m, src in mods.items()}
    funcs = [f for m, t in trees.items() for f in functions(t, m)]
    cells = export_cells(root)
    return {
        "modules": {m: size(src) | {"public_names": len(public_names(trees[m]))} for m, src in mods.items()},
        "total": {"lines": sum(size(s)["lines"] for s in mods.values()),
                  "code": sum(size(s)["code"] for s in mods.values()),
                  "public_names": sum(len(public_names(t)) for t in trees.values())},
        "export_cells": summary([n for ns in cells.values() for n in ns]) | {
            "by_notebook": {nb: summary(ns) for nb, ns in cells.items() if ns}},
        "longest_signatures": sorted(((q, n) for q, n, _ in funcs), key=lambda f: -f[1])[:8],
        "patched": dict(Counter(c for _, _, c in funcs if c)),
    }

if __name__ == "__main__":
    print(json.dumps(figures(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1]), indent=1))
