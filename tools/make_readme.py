"""Write README.md from nbs/index.ipynb (what nbdev_readme does, without Quarto): markdown as is, code cells as
Python blocks with their saved text output, hidden cells and `#|` directives left out. `--check` fails if stale.
`--pictures` also redraws the README's gallery with the shipped model (nbs/images/gallery.png and drawing.gif): the
one place that writes them, so running the notebooks leaves the repository as it was."""
import re, sys
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parent.parent

def directives(src): return [l[3:].strip() for l in src.splitlines() if l.startswith("#|")]

def cell_text(c):
    "The README text of one cell, or None to leave it out."
    if any(d.split()[0] in ("hide", "export", "exporti") for d in directives(c.source) if d): return None
    if c.cell_type == "markdown": return c.source.strip()
    if c.cell_type != "code": return None
    code = "\n".join(l for l in c.source.splitlines() if not l.startswith("#|")).strip()
    outs = []
    for o in c.get("outputs", []):
        t = o.get("text") if o.output_type == "stream" else o.get("data", {}).get("text/plain")
        if t and not {"image/png", "text/html"} & set(o.get("data", {})): outs.append(t if isinstance(t, str) else "".join(t))
    out = "".join(outs).rstrip()
    return f"```python\n{code}\n```" + (f"\n\n```\n{out}\n```" if out else "")

def repo_links(md):
    "Links relative to nbs/ (chapters, images), made relative to the repository root where README.md lives."
    return re.sub(r"\]\((?!https?:|#|/)([^)]+)\)", lambda m: f"](nbs/{m[1]})", md)

def render(nb_path=ROOT/"nbs"/"index.ipynb"):
    nb = nbformat.read(nb_path, as_version=4)
    parts = [repo_links(t) for t in map(cell_text, nb.cells) if t]
    head = "<!-- Generated from nbs/index.ipynb by `python tools/make_readme.py`: edit the notebook, not this file. -->"
    return "\n\n".join([head] + parts) + "\n"

def draw_pictures(folder=ROOT/"nbs"/"images"):
    "The gallery: four sketches of each class at temperature 0.4 (a column a class), and one of each being drawn."
    import matplotlib.pyplot as plt
    from sketchrnn_nb.model import load_pretrained, generate_batch, generate_sketch
    from sketchrnn_nb.visualize import animate_sketches, plot_sketches
    model = load_pretrained()
    sketches = generate_batch(model, model.classes, n=4, temperature=0.4, seed=0)
    order = [k*4 + r for r in range(4) for k in range(len(model.classes))]          # one column per class
    titles = [sketches[i][0] if i % 4 == 0 else "" for i in order]
    plt.close(plot_sketches([sketches[i][1] for i in order], titles, ncols=10, size=1.4, path=folder/"gallery.png"))
    one_each = [generate_sketch(model, c, temperature=0.4, seed=1) for c in model.classes]
    animate_sketches(one_each, folder/"drawing.gif", titles=model.classes, ncols=5, size=1.3, fps=15, every=4)
    print(f"drew {folder/'gallery.png'} and {folder/'drawing.gif'}")

if __name__ == "__main__":
    if "--pictures" in sys.argv: draw_pictures()
    text, readme = render(), ROOT/"README.md"
    if "--check" in sys.argv:
        if readme.read_text(encoding="utf-8") != text: sys.exit("README.md is stale: run `python tools/make_readme.py`.")
        print("README.md matches nbs/index.ipynb")
    else: readme.write_text(text, encoding="utf-8"); print("wrote README.md")
