"""The way in for a newcomer: the README's commands and snippets, its links and pictures, and every notebook's Colab
badge and Colab-only install cell."""
import configparser, os, re, subprocess, sys
from pathlib import Path
import nbformat, pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT/"README.md").read_text(encoding="utf-8")
CFG = configparser.ConfigParser()
CFG.read(ROOT/"settings.ini")
GIT_URL, BRANCH = CFG["DEFAULT"]["git_url"], CFG["DEFAULT"]["branch"]
NOTEBOOKS = sorted((ROOT/"nbs").glob("*.ipynb"))

def section(name):
    "The text of the README section headed `## name`."
    return re.search(rf"^## {re.escape(name)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)[1]

def test_readme_opens_with_the_two_commands():
    first = re.search(r"```sh\n(.*?)```", README, re.S)[1]
    assert README.index(first) < README.index("## ")                       # before any section
    lines = first.splitlines()
    assert lines[0].startswith("# install and draw your first sketches") and "sketchrnn_generate" in lines[1]
    assert 'pip install -e . ' in lines[1] and "[dev]" not in lines[1]       # the runtime only, to draw
    test_cmd = lines[lines.index(next(l for l in lines if l.startswith("# run the tests"))) + 1]
    assert 'pip install -e ".[dev]"' in test_cmd and "nbdev_test" in test_cmd and "pytest" in test_cmd
    assert "minutes" in lines[lines.index(test_cmd) - 1]                      # it says how long the tests take
    assert "SKETCHRNN_" not in test_cmd and "shared" not in test_cmd        # no environment to set up

def test_readme_sections_in_a_users_order():
    heads = re.findall(r"^## (.+)$", README, re.M)
    order = ["Gallery", "Install", "Quick start", "Train on your own classes", "The chapters", "The numbers", "Speed",
             "Developing"]
    assert [h for h in heads if h in order] == order

NEEDS_YOUR_RUN = "runs/mine/best.safetensors"   # a README block that draws with the reader's own trained run

def tiny_run(folder, classes=("cat", "house", "tree")):
    "A small checkpoint of the README's own classes where the README's training command puts its best model."
    from sketchrnn_nb.model import Config, SketchRNN, save_checkpoint
    config = Config(classes=classes, hidden_size=16, n_mixtures=3, embed_dim=4)
    model = SketchRNN.from_config(config, {"mean": [0.0, 0.0], "std": [10.0, 10.0]})
    save_checkpoint(model, folder/NEEDS_YOUR_RUN, config, [{"epoch": 1, "train_loss": 1.0, "valid_loss": 1.0}])

def test_every_readme_python_block_runs_as_pasted(tmp_path):
    """Each Python block of the README, in order, pasted into a fresh interpreter in one folder; the data block reads
    the sample shipped with the package (no internet here), and the block that needs the reader's own run finds a tiny
    one made here."""
    from sketchrnn_nb.data import SAMPLE_CACHE
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert len(blocks) >= 6 and sum(NEEDS_YOUR_RUN in b for b in blocks) == 1
    tiny_run(tmp_path)
    env = {**os.environ, "MPLBACKEND": "Agg", "SKETCHRNN_QUICKDRAW_CACHE": str(SAMPLE_CACHE)}
    for code in blocks:
        r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env)
        assert r.returncode == 0, f"{code}\n{r.stderr[-2000:]}"
    assert (tmp_path/"sketches.png").stat().st_size > 10_000 and (tmp_path/"variations.png").exists()

def files_a_run_could_touch():
    "Size and time of each file git tracks or would add (ignored files aside), notebooks aside."
    rel = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, text=True).stdout.split("\n")
    files = [ROOT/r for r in rel if r and not r.endswith(".ipynb") and (ROOT/r).exists()]
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in files}

def test_running_the_landing_notebook_leaves_the_repository_as_it_was():
    "A reader's run of index.ipynb, every cell (Jupyter runs `eval: false` cells too), in nbs/ as Jupyter would."
    from nbclient import NotebookClient
    if not (ROOT/".git").exists(): pytest.skip("not a git checkout")
    before, nb = files_a_run_could_touch(), nbformat.read(ROOT/"nbs"/"index.ipynb", 4)
    env = {k: v for k, v in os.environ.items() if k != "IN_TEST"}
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT/"nbs")}}).execute(env=env)
    after = files_a_run_could_touch()
    assert {k: v for k, v in after.items() if before.get(k) != v} == {}     # nothing written or added, but ignored

def test_readme_links_and_pictures_exist_in_the_repository():
    targets = re.findall(r"\]\((?!https?:|#)([^)#]+)", README)
    assert any(t.endswith(".ipynb") for t in targets) and any(t.endswith(".png") for t in targets)
    assert [t for t in targets if not (ROOT/t).exists()] == []
    for nb in NOTEBOOKS:
        if nb.stem != "index": assert f"(nbs/{nb.name})" in section("The chapters"), f"no chapter link to {nb.name}"

def test_install_line_installs_from_the_repository():
    assert f"git+{GIT_URL}" in section("Install")

@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_starts_with_colab_badge_and_install_cell(nb):
    cells = nbformat.read(nb, 4).cells
    title = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith("# "))
    badge, install = cells[title + 1], cells[title + 2]
    url = GIT_URL.replace("https://github.com/", "https://colab.research.google.com/github/")
    assert f"({url}/blob/{BRANCH}/nbs/{nb.name})" in badge.source and "colab-badge.svg" in badge.source
    src = install.source
    assert install.cell_type == "code" and src.startswith("#| hide")
    assert 'if "google.colab" in sys.modules:' in src and f"git+{GIT_URL}" in src
    assert "enable_custom_widget_manager()" in src
    body = src.split('if "google.colab" in sys.modules:')[1]
    assert all(l.startswith("    ") for l in body.strip("\n").splitlines())   # does nothing outside Colab
    imports = [i for i, c in enumerate(cells) if c.cell_type == "code" and "sketchrnn_nb" in c.source
               and "google.colab" not in c.source and re.search(r"^\s*(from|import) ", c.source, re.M)]
    assert imports and min(imports) > title + 2, f"cell {min(imports)} imports the package before Colab installs it"

def test_colab_install_cell_does_nothing_elsewhere():
    src = next(c.source for c in nbformat.read(NOTEBOOKS[0], 4).cells if "google.colab" in c.source)
    r = subprocess.run([sys.executable, "-c", src.replace("#| hide", "") + "\nprint('ok')"], capture_output=True,
                       text=True)
    assert r.returncode == 0 and r.stdout.strip() == "ok"
