"""Build and check the release distributions: `python tools/check_release.py [--tag v0.1.0] [--offline]`.

Builds the sdist and the wheel into dist/, then checks that the tag (if given) names settings.ini's version, that
`twine check` passes, that both hold the shipped model and the data sample, and that the wheel installed into a fresh
venv draws a sketch and reads the sample. `--offline` builds without an isolated environment and installs the wheel
without dependencies into a bare folder put first on this Python's path, for machines with no package index."""
import argparse, configparser, os, shutil, subprocess, sys, tarfile, tempfile, zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEEDED = ["sketchrnn_nb/pretrained/sketchrnn_gmm.safetensors", "sketchrnn_nb/sample/cache/apple.bin",
          "sketchrnn_nb/sample/README.md", "sketchrnn_nb/data.py"]
SMOKE = """from sketchrnn_nb.data import SAMPLE_CACHE, download_quickdraw_data
from sketchrnn_nb.model import load_pretrained, generate_sketch
assert len(generate_sketch(load_pretrained(), "star", seed=0)) > 5
assert len(download_quickdraw_data(["star"], cache_dir=SAMPLE_CACHE)["star"]) == 100
print("the installed wheel draws and reads its sample")"""

def settings_version():
    "The version in settings.ini."
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(ROOT/"settings.ini")
    return cfg["DEFAULT"]["version"]

def build(out, offline):
    "Build the sdist and the wheel into `out`; return their paths."
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out)] + (["--no-isolation"] if offline else [])
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return next(out.glob("*.tar.gz")), next(out.glob("*.whl"))

def check_contents(sdist, wheel):
    "Both distributions hold the package with its model and sample; the sdist also holds settings.ini (setup.py reads it)."
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    top = sdist.name[:-len(".tar.gz")]
    in_sdist = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n and n.startswith(top)}
    missing = [f"wheel: {n}" for n in NEEDED if n not in in_wheel]
    missing += [f"sdist: {n}" for n in NEEDED + ["settings.ini", "README.md", "LICENSE"] if n not in in_sdist]
    if missing: sys.exit("missing from the distributions: " + ", ".join(missing))

def smoke_test(wheel, offline):
    "Install the wheel into a fresh venv (offline: a bare folder on this Python's path) and draw with it."
    with tempfile.TemporaryDirectory() as d:
        if offline:
            site = Path(d)/"site"
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                           check=True)
            py, env = sys.executable, {**os.environ, "PYTHONPATH": str(site)}
        else:
            venv = Path(d)/"venv"
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            py, env = str(venv/"bin"/"python"), None
            subprocess.run([py, "-m", "pip", "install", "-q", str(wheel)], check=True)
        check = f"import sketchrnn_nb; assert sketchrnn_nb.__file__.startswith({d!r}), sketchrnn_nb.__file__\n"
        subprocess.run([py, "-c", check + SMOKE], cwd=d, env=env, check=True)

def main(tag=None, offline=False, out=ROOT/"dist"):
    v = settings_version()
    if tag and tag != f"v{v}": sys.exit(f"tag {tag} does not name the version in settings.ini ({v}): tag v{v}")
    sdist, wheel = build(Path(out), offline)
    subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)], check=True)
    check_contents(sdist, wheel)
    smoke_test(wheel, offline)
    print(f"ok: {sdist.name}, {wheel.name}")

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tag", help="the git tag being released, e.g. v0.1.0")
    ap.add_argument("--offline", action="store_true", help="no package index: build and install without one")
    ap.add_argument("--out", default=str(ROOT/"dist"), help="where the distributions go")
    a = ap.parse_args()
    main(a.tag, a.offline, a.out)
