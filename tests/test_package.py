"Checks of the installed package from the outside: import cost, code style and layout, console scripts, wheel contents, benchmarks."
import ast, io, json, os, subprocess, sys, tokenize, zipfile
from pathlib import Path
import pytest
from sketchrnn_nb.data import default_cache_dir, is_offline_copy

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

def run(*cmd, **kw): return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=ROOT, **kw)

def test_import_does_not_load_torch():
    r = run(sys.executable, "-c", "import sys, sketchrnn_nb; print('torch' in sys.modules)")
    assert r.returncode == 0 and r.stdout.strip() == "False", r.stderr

def test_exported_modules_are_pyflakes_clean():
    "Undefined names (a notebook's hidden import cells can mask a missing import in the module) and unused imports or variables."
    pytest.importorskip("pyflakes")
    r = run(sys.executable, "-m", "pyflakes", *sorted((ROOT/"sketchrnn_nb").glob("*.py")))
    assert r.returncode == 0 and not r.stderr, r.stdout + r.stderr

# --- code style and layout of the exported library (the notebooks are the source: fix them, then nbdev_export) ---
LIB = ROOT/"sketchrnn_nb"
MODULES = sorted(p for p in LIB.glob("*.py") if p.name not in ("__init__.py", "_modidx.py"))   # _modidx: nbdev's index
LAYERS = {"data": 0, "stroke5": 1, "testing": 1, "model": 2, "datasets": 2, "prepared": 3, "loss": 3, "runs": 3,
          "vae": 3, "browser": 3, "processes": 4, "train": 5, "visualize": 6, "bonus": 7, "evaluate": 7, "cli": 8}

def written_lines(path):
    "The lines of a module that a notebook wrote: not nbdev's generated module docstring and `__all__`."
    lines, skip = path.read_text().splitlines(), False
    for i, line in enumerate(lines):
        if line.startswith("__all__ = "): skip = True
        elif skip and not line.startswith(" "): skip = False
        if not skip and not (i == 0 and line.startswith('"""')): yield i + 1, line

def sibling_imports(path):
    "`(line, module, names, in_function)` for every import of another sketchrnn_nb module in `path`."
    tree, found = ast.parse(path.read_text()), []
    funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    inner = {id(n) for f in funcs for n in ast.walk(f) if n is not f}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level == 1: name = mod.split(".")[0] or None
            elif mod.startswith("sketchrnn_nb."): name = mod.split(".")[1]
            else: continue
            names = [a.name for a in node.names]
            if name is None: name, names = names[0], []     # `from . import x`
            found.append((node.lineno, name, names, id(node) in inner))
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("sketchrnn_nb."): found.append((node.lineno, a.name.split(".")[1], [], id(node) in inner))
    return found

def test_modules_are_known_layers():
    assert {p.stem for p in MODULES} == set(LAYERS), "add a new module to LAYERS (and to the layout in nbs/index.ipynb)"

def test_no_line_over_120_characters():
    long = [f"{p.name}:{i}: {len(l)} chars" for p in MODULES for i, l in written_lines(p) if len(l) > 120]
    assert not long, "lines over 120 characters (split them in the notebook):\n" + "\n".join(long)

def test_no_semicolon_joined_statements():
    hits = [f"{p.name}:{t.start[0]}" for p in MODULES
            for t in tokenize.generate_tokens(io.StringIO(p.read_text()).readline) if t.type == tokenize.OP and t.string == ";"]
    assert not hits, "statements joined with ';' (one statement a line):\n" + "\n".join(hits)

def test_imports_flow_one_way():
    "data -> model -> loss, runs -> processes -> train -> visualize -> bonus / evaluate -> cli: no import up, none inside a function, no private names."
    bad = []
    for p in MODULES:
        for line, mod, names, in_function in sibling_imports(p):
            where = f"{p.name}:{line} imports {mod}"
            if LAYERS[mod] >= LAYERS[p.stem] and mod != p.stem: bad.append(f"{where}: it sits above or beside {p.stem}")
            if in_function: bad.append(f"{where} inside a function (import at the top)")
            bad += [f"{where}: private name {n}" for n in names if n.startswith("_")]
    assert not bad, "\n".join(bad)

def find_cycle(graph):
    "A list of modules that import each other in a circle, or None."
    state = {}
    def visit(n, path):
        state[n] = "open"
        for m in graph.get(n, ()):
            if state.get(m) == "open": return path[path.index(m):] + [m]
            if m not in state and (c := visit(m, path + [m])): return c
        state[n] = "done"
    for n in graph:
        if n not in state and (c := visit(n, [n])): return c

def test_find_cycle_finds_cycles():
    assert find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": ["b"], "b": [], "c": ["a", "b"]}) is None

def test_no_import_cycle():
    graph = {p.stem: sorted({mod for _, mod, _, _ in sibling_imports(p) if mod != p.stem}) for p in MODULES}
    assert find_cycle(graph) is None, f"import cycle: {' -> '.join(find_cycle(graph))}"

def test_data_cli_summarizes_real_data():
    r = run(BIN/"sketchrnn_data", "--classes", "cloud,fish", "--max-per-class", "60")   # the sample has 100 a class
    assert r.returncode == 0, r.stderr
    assert "cloud" in r.stdout and "fish" in r.stdout and "train 84" in r.stdout

def test_data_cli_unknown_class_fails_clearly():
    r = run(BIN/"sketchrnn_data", "--classes", "fsh")
    assert r.returncode == 2 and "Did you mean 'fish'" in r.stderr and "Traceback" not in r.stderr

def test_data_cli_downloads_a_missing_class_from_a_mirror(tmp_path):
    from sketchrnn_nb.data import SAMPLE_CACHE
    from sketchrnn_nb.testing import mirror_server
    with mirror_server(SAMPLE_CACHE.parent) as url:   # Google's layout, served from the sample on 127.0.0.1
        r = run(BIN/"sketchrnn_data", "--classes", "star", "--cache-dir", tmp_path,
                env={**os.environ, "SKETCHRNN_QUICKDRAW_URL": url})
    assert r.returncode == 0, r.stderr
    assert (tmp_path/"star.bin").read_bytes() == (SAMPLE_CACHE/"star.bin").read_bytes() and "star" in r.stdout

def test_data_cli_missing_file_names_the_path(tmp_path):
    r = run(BIN/"sketchrnn_data", "--classes", "star", "--cache-dir", tmp_path)
    assert r.returncode != 0 and str(tmp_path/"star.bin") in r.stderr

def test_wheel_holds_the_package(tmp_path):
    r = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path, ".")
    assert r.returncode == 0, r.stderr
    whl, = tmp_path.glob("sketchrnn_nb-*.whl")
    names = zipfile.ZipFile(whl).namelist()
    assert "sketchrnn_nb/data.py" in names and "sketchrnn_nb/_modidx.py" in names
    assert "sketchrnn_nb/pretrained/sketchrnn_gmm.safetensors" in names  # the shipped model travels in the wheel
    ep = next(n for n in names if n.endswith("entry_points.txt"))
    assert "sketchrnn_data = sketchrnn_nb.cli:sketchrnn_data" in zipfile.ZipFile(whl).read(ep).decode()

def test_data_benchmark_prints_json():
    r = run(sys.executable, "bench/data.py", "--repeats", "1")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["drawings"] > (6000 if is_offline_copy(default_cache_dir()) else 900) and out["drawings_per_s"] > 0

def test_live_benchmark_prints_json():
    r = run(sys.executable, "bench/live.py", "--sketches", "2")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["frames"] > 10 and out["frames_per_s"] > 0

def test_import_visualize_does_not_need_a_widget_frontend():
    r = run(sys.executable, "-c", "from sketchrnn_nb.visualize import live_generation; app = live_generation(class_name='star', seed=0); "
            "app.show(8); print(len(app.rows), len(app.image.value) > 100)")
    assert r.returncode == 0 and r.stdout.split() == ["8", "True"], r.stderr

def test_notebook_imports_live_in_setup_cells():
    """nbdev's doc processing runs every cell that imports something: imports belong in `#| export` or `#| hide` cells
    (or in a self-contained `#| eval: false` snippet, which that processing skips and tests/test_readme.py runs)."""
    import nbformat, re
    bad = [f"{nb.name} cell {i}" for nb in sorted((ROOT/"nbs").glob("*.ipynb"))
           for i, c in enumerate(nbformat.read(nb, 4).cells) if c.cell_type == "code"
           and not re.match(r"#\| *(export|hide|default_exp|eval: false)", c.source) and re.search(r"^\s*(from \S+ )?import ", c.source, re.M)]
    assert not bad, "move these imports into the notebook's setup (#| hide) cell: " + ", ".join(bad)

def test_prepare_benchmark_prints_json():
    r = run(sys.executable, "bench/prepare.py", "--drawings", "20000", "--steps", "1")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["drawings"] >= 20000 and out["prepare_drawings_per_s"] > 0 and "not a million real drawings" in out["data"]

def test_batching_benchmark_prints_json():
    r = run(sys.executable, "bench/batching.py", "--batches", "1")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["by_length"]["padding"] < out["random"]["padding"] and out["speedup"] > 0

def test_train_benchmark_bf16_prints_json():
    r = run(sys.executable, "bench/train.py", "--iters", "1", "--batch-size", "8", "--precision", "bf16")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["precision"] == "bf16" and out["full_step_s"] > 0 and out["batch"] == 8

def test_ddp_benchmark_runs_two_processes():
    "bench/train.py --ddp: one process against two under torchrun, each of the two with half of the global batch."
    r = run(sys.executable, "bench/train.py", "--ddp", "--iters", "1", "--batch-size", "8")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["one_process"]["local_batch"] == 8 and out["2_processes"]["local_batch"] == 4, out
    assert out["2_processes"]["processes"] == 2 and out["speedup"] > 0

def test_cells_benchmark_prints_json():
    r = run(sys.executable, "bench/cells.py", "--iters", "1", "--hidden-size", "32")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)["seconds_per_step"]
    assert set(out) == {"fp32", "bf16"} and all(t["layer_norm"] > 0 and t["layer_norm_over_fused"] > 0 for t in out.values())

def test_vae_benchmark_prints_json():
    r = run(sys.executable, "bench/vae.py", "--iters", "1", "--batch-size", "8")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["vae_step_s"] > 0 and out["decoder_only_step_s"] > 0 and out["encode_drawings_per_s"] > 0

def test_ship_model_chains_a_fine_tune_after_its_base():
    "tools/ship_model.py --after: the base's epochs, then the fine-tune's numbered on, each with its stage; only once."
    sys.path.insert(0, str(ROOT/"tools"))
    try: from ship_model import chained_history, check_same_data
    finally: sys.path.remove(str(ROOT/"tools"))
    base, tune = [{"epoch": 1, "valid_loss": 2.0}, {"epoch": 2, "valid_loss": 1.0}], [{"epoch": 1, "valid_loss": 0.5}]
    got = chained_history(base, tune, tune_stage="tune")
    assert [(h["epoch"], h["stage"]) for h in got] == [(1, "base"), (2, "base"), (3, "tune")]
    assert tune == [{"epoch": 1, "valid_loss": 0.5}]                                  # the inputs stay as they were
    with pytest.raises(ValueError, match="already goes on"): chained_history(base, [{"epoch": 3, "valid_loss": 0.4}])
    with pytest.raises(ValueError, match="chain it once"): chained_history(base, got)
    check_same_data({"classes": ["a"], "seed": 0}, {"classes": ["a"], "seed": 0})
    with pytest.raises(SystemExit, match="seed: 0 -> 1"): check_same_data({"seed": 0}, {"seed": 1})

def test_probe_generators_mirrors_and_mixes():
    """experiments/probe_generators.py (public API only): `Mirrored` flips x of training items only (not kept classes);
    a model mixed with itself is itself, and alone scores what `test_nll` scores."""
    torch = pytest.importorskip("torch")
    import numpy as np
    from sketchrnn_nb.stroke5 import calculate_stats
    from sketchrnn_nb.evaluate import test_nll
    from sketchrnn_nb.model import Config, SketchRNN
    sys.path.insert(0, str(ROOT/"experiments"))   # the script imports compare_models and train_variants beside it
    try: from probe_generators import Mirrored, mixture_nll
    finally: sys.path.remove(str(ROOT/"experiments"))
    class Items(torch.utils.data.Dataset):
        augment, labels, lengths, seqs = True, np.arange(40) % 2, np.full(40, 3), [np.ones((3, 5))]*40
        def __len__(self): return 40
        def __getitem__(self, i): return torch.ones(3, 5), torch.full((3, 5), 2.0), 3, i % 2
    train = Mirrored(Items(), keep={1})
    assert len(train) == 40 and train.labels is Items.labels and train.lengths is Items.lengths   # for the samplers
    assert train.seqs is Items.seqs                                                     # for the run's data fingerprint
    torch.manual_seed(0)
    got = [train[i] for i in range(40)]
    flipped = [g for g in got if g[1][0, 0] < 0]
    assert flipped and all(g[3] == 0 for g in flipped) and len(flipped) < 20            # some class-0 items, never class 1
    assert all(g[0][0, 0] == -1 and g[1][0, 1] == 2 for g in flipped)                   # x mirrored, y kept
    still = Items(); still.augment = False
    assert all(Mirrored(still, keep={1})[i][1][0, 0] == 2 for i in range(10))          # not outside training
    rng = np.random.default_rng(0)
    items = [(np.c_[rng.normal(size=(n, 2)), np.tile([1, 0, 0], (n, 1))], n % 2) for n in (5, 8, 6, 9)]
    for s, _ in items: s[-1, 2:] = [0, 0, 1]
    model = SketchRNN.from_config(Config(classes=("apple", "cake"), hidden_size=16, n_mixtures=3), calculate_stats([s for s, _ in items]))
    one = mixture_nll([model], items)
    assert np.isfinite(one) and abs(mixture_nll([model, model], items) - one) < 1e-5
    assert abs(one - np.mean([v[2] for v in test_nll(model, items).values()])) < 1e-5   # the script's forward = the library's

def test_probe_generators_flip_trains_as_train_model(tmp_path):
    """experiments/probe_generators.py's `train_mirrored` (`train_model` with `Mirrored` training drawings, through its
    `datasets`): with every class kept it is `train_model`, to the weight; mirroring changes the run."""
    torch = pytest.importorskip("torch")
    import dataclasses
    from sketchrnn_nb.data import SAMPLE_CACHE
    from sketchrnn_nb.model import Config, read_checkpoint
    from sketchrnn_nb.train import train_model, warm_start
    sys.path.insert(0, str(ROOT/"experiments"))
    try: from probe_generators import train_mirrored
    finally: sys.path.remove(str(ROOT/"experiments"))
    base = Config(classes=("apple", "cake", "clock"), max_per_class=40, hidden_size=16, n_mixtures=3, epochs=1,
                  batch_size=16, cache_dir=str(SAMPLE_CACHE), device="cpu", out_dir=str(tmp_path/"base"))
    train_model(base, progress=False)
    tune = dataclasses.replace(base, epochs=2, lr=1e-4, ema=0.995, augment_drop=0.0, recurrent_dropout=0.1)
    def run(name, keep=None):
        config = dataclasses.replace(tune, out_dir=str(tmp_path/name))
        start = warm_start(tmp_path/"base"/"best.safetensors", config, tmp_path/f"{name}_start.safetensors")
        history = (train_model(config, resume=start, progress=False)[1] if keep is None else
                   train_mirrored(config, start, keep, progress=False))
        return [{k: v for k, v in h.items() if k != "seconds"} for h in history], read_checkpoint(tmp_path/name/"best.safetensors")
    library, (weights, info) = run("library")
    kept, (kept_weights, kept_info) = run("kept", keep={0, 1, 2})
    assert kept == library and len(kept_info["history"]) == 2
    assert all(torch.equal(weights[k], kept_weights[k]) for k in weights)
    assert run("mirrored", keep={2})[0] != library
