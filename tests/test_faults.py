"""Fault injection: the three commands and the Python API under the faults users meet. No user file is lost, nothing
hangs, nothing is written through a device, link or pipe as if it were a file, and every refusal is one line with an
exit status the help documents.

The cases: an `--overwrite` whose new run fails, temporary files that are not ours, outputs that alias inputs, special
files (devices, pipes, links) as outputs and inputs, a full disk while saving a picture and a checkpoint (a small
tmpfs, when running as root), a stalled process of a run in several processes, a mirror that trickles its bytes on
127.0.0.1, resumes that cannot be exact, damaged run and prepared files, and flags that clash. Needs the Quick, Draw!
data (the package's sample or the offline copy)."""
import contextlib, http.server, json, os, shutil, signal, stat, subprocess, sys, threading, time
from pathlib import Path
import numpy as np
import pytest
import torch
from sketchrnn_nb.data import download_file, default_cache_dir, load_ndjson, save_bin, bin_path
from sketchrnn_nb.model import load_checkpoint, load_pretrained, save_checkpoint, generate_stream, read_safetensors
from sketchrnn_nb.visualize import plot_sketches

BIN = Path(sys.executable).parent
TINY = ["--classes", "star,apple", "--max-per-class", "10", "--hidden-size", "16", "--embed-dim", "4", "--n-mixtures",
        "2", "--batch-size", "4", "--quiet"]


def cli(name, *args, env=None, timeout=300):
    "Run the command `name` with `args`; its finished process."
    return subprocess.run([BIN/name, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env=None if env is None else os.environ | env)


def one_line(p, code):
    "Check that `p` exited with `code` and said why in one line of its own, with no traceback."
    assert p.returncode == code, (p.returncode, p.stderr[-2000:])
    assert "Traceback" not in p.stderr, p.stderr[-2000:]
    return p.stderr.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    "A finished tiny run (2 epochs): its folder, and the bytes of its files."
    folder = tmp_path_factory.mktemp("faults")/"run"
    p = cli("sketchrnn_train", *TINY, "--epochs", "2", "--out-dir", folder)
    assert p.returncode == 0, p.stderr
    return folder


def copy_run(run, to):
    "A copy of the finished run in `to`, and its files' bytes."
    shutil.copytree(run, to)
    return {f.name: f.read_bytes() for f in to.iterdir() if f.is_file()}


def same_files(folder, before):
    "Is every file of `before` in `folder` with the same bytes, and nothing set aside left over?"
    return all((folder/n).read_bytes() == b for n, b in before.items() if n != ".lock") and not (folder/".replaced").exists()


# ---- --overwrite: the old run lives until the new one has written its first checkpoint --------------------------------
@pytest.mark.parametrize("flags, code", [(["--max-len", "5"], 3), (["--lr", "1e30", "--grad-clip", "1e30"], 4),
                                         (["--classes", "star,apple,unicorn"], 2)],
                         ids=["no drawing fits", "diverges", "unknown class"])
def test_overwrite_then_fail_keeps_the_old_run(run, tmp_path, flags, code):
    folder = tmp_path/"run"
    before = copy_run(run, folder)
    p = cli("sketchrnn_train", *TINY, "--epochs", "2", "--out-dir", folder, "--overwrite", *flags)
    one_line(p, code)
    assert same_files(folder, before)


def test_overwrite_killed_before_its_first_checkpoint_gets_the_old_run_back(run, tmp_path):
    folder = tmp_path/"run"
    before = copy_run(run, folder)
    p = subprocess.Popen([BIN/"sketchrnn_train", *TINY, "--epochs", "2", "--out-dir", folder, "--overwrite"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not (folder/".replaced").exists() and time.time() < deadline: time.sleep(0.01)
    p.kill(); p.wait()
    assert (folder/".replaced").exists() and not (folder/"best.safetensors").exists()   # killed in between
    p = cli("sketchrnn_train", *TINY, "--epochs", "2", "--out-dir", folder)              # the next start in the folder
    one_line(p, 2)                                                                        # finds the old run again
    assert same_files(folder, before)


def test_overwrite_that_succeeds_replaces_the_run(run, tmp_path):
    folder = tmp_path/"run"
    copy_run(run, folder)
    p = cli("sketchrnn_train", *TINY, "--epochs", "1", "--out-dir", folder, "--overwrite")
    assert p.returncode == 0, p.stderr
    assert len(load_checkpoint(folder/"best.safetensors")[1]["history"]) == 1 and not (folder/".replaced").exists()


# ---- temporary files: only ours, only of writers that are gone -------------------------------------------------------
def test_training_leaves_foreign_and_live_temporary_files_alone(tmp_path):
    folder = tmp_path/"run"
    folder.mkdir()
    writer = subprocess.Popen(["sleep", "60"])                       # a live process writing into the folder
    theirs = [".notes.tmp", f".sketches.ndjson.{writer.pid}.0123abcd.tmp.ndjson", ".x.1.tmp"]
    dead = ".best.safetensors.999999999.0123abcd.tmp.safetensors"    # no process has that id
    for f in theirs + [dead]: (folder/f).write_text("data")
    try:
        p = cli("sketchrnn_train", *TINY, "--epochs", "1", "--out-dir", folder)
        assert p.returncode == 0, p.stderr
    finally: writer.kill()
    assert all((folder/f).read_text() == "data" for f in theirs) and not (folder/dead).exists()


def test_generate_prepare_and_download_remove_what_their_killed_writers_left(tmp_path):
    for name in ("out.ndjson", "star.bin"): (tmp_path/f".{name}.999999999.0123abcd.tmp.{name.split('.')[1]}").write_text("x")
    p = cli("sketchrnn_generate", "--classes", "star", "--n", "1", "--seed", "0", "--out", tmp_path/"out.ndjson")
    assert p.returncode == 0, p.stderr
    with mirror(tmp_path/"served", trickle=0) as url:
        download_file(f"{url}/star.bin", tmp_path/"star.bin")
    assert not list(tmp_path.glob(".*.tmp*"))
    root = tmp_path/"prepared"
    (root/".0123456789abcdef.999999999.0123abcd.tmp").mkdir(parents=True)   # a preparation that was killed
    from sketchrnn_nb.prepared import pack_dataset
    pack_dataset(["star"], 20, root=root, progress=False)
    assert not list(root.glob(".*.tmp*"))


# ---- outputs that alias inputs or each other --------------------------------------------------------------------------
def test_outputs_that_alias_inputs_are_refused(run, tmp_path):
    src = tmp_path/"in.ndjson"
    assert cli("sketchrnn_generate", "--classes", "star", "--n", "1", "--seed", "0", "--out", src).returncode == 0
    before = {p: p.read_bytes() for p in (src, run/"best.safetensors")}
    for args in [("--model", "vae", "--from", src, "--out", src), ("--checkpoint", run/"best.safetensors", "--out",
                 run/"best.safetensors"), ("--out", tmp_path/"x.png", "--png", tmp_path/"x.png")]:
        assert "is also" in one_line(cli("sketchrnn_generate", *args), 2)
    assert all(p.read_bytes() == b for p, b in before.items()) and not (tmp_path/"x.png").exists()


@pytest.mark.parametrize("args, words", [(("--vary",), "--vary varies"), (("--temperature", "1e30"), "temperature"),
                                         (("--model", "vae", "--from", "IN", "--classes", "star"), "exclude each other")],
                         ids=["vary without from", "temperature 1e30", "classes beside from"])
def test_flags_that_clash_are_refused(tmp_path, args, words):
    (tmp_path/"in.ndjson").write_text("")
    args = [tmp_path/"in.ndjson" if a == "IN" else a for a in args]
    assert words in one_line(cli("sketchrnn_generate", *args, "--out", tmp_path/"o.ndjson"), 2)
    assert not (tmp_path/"o.ndjson").exists()


def test_a_seed_numpy_cannot_take_is_refused_at_once(tmp_path):
    assert "seed must be" in one_line(cli("sketchrnn_train", *TINY, "--seed", 2**32, "--out-dir", tmp_path/"r"), 2)
    assert not (tmp_path/"r").exists()


def test_a_refused_run_leaves_no_folder_and_no_lock(tmp_path):
    assert "Nothing to resume" in one_line(cli("sketchrnn_train", *TINY, "--out-dir", tmp_path/"r", "--resume"), 2)
    assert not (tmp_path/"r").exists()
    (tmp_path/"kept").mkdir()
    one_line(cli("sketchrnn_train", *TINY, "--max-len", "5", "--out-dir", tmp_path/"kept"), 3)
    assert list((tmp_path/"kept").iterdir()) == []


# ---- special files: written through or refused, never replaced; pipes never wait ----------------------------------------
def test_a_device_as_output_is_written_through(tmp_path):
    "A device node of our own, like /dev/null (the real one is not risked: a version that replaced it broke it)."
    if os.geteuid() != 0: pytest.skip("making a device node needs root")
    null = tmp_path/"null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    p = cli("sketchrnn_generate", "--classes", "star", "--n", "1", "--out", null, "--png", tmp_path/"s.png")
    assert p.returncode == 0, p.stderr
    assert null.is_char_device() and (tmp_path/"s.png").stat().st_size > 0


def test_a_link_as_output_keeps_pointing_at_its_target(tmp_path):
    (tmp_path/"real.ndjson").write_text("old")
    os.symlink(tmp_path/"real.ndjson", tmp_path/"link.ndjson")
    assert cli("sketchrnn_generate", "--classes", "star", "--n", "2", "--out", tmp_path/"link.ndjson").returncode == 0
    assert (tmp_path/"link.ndjson").is_symlink() and len(load_ndjson(tmp_path/"real.ndjson")) == 2


def test_a_pipe_as_output_is_written_through(tmp_path):
    fifo = tmp_path/"pipe.ndjson"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo).read()), daemon=True)
    reader.start()
    p = cli("sketchrnn_generate", "--classes", "star", "--n", "2", "--seed", "0", "--out", fifo, timeout=120)
    reader.join(30)
    assert p.returncode == 0, p.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and got and len(got[0].splitlines()) == 2


@pytest.mark.parametrize("flag", ["--checkpoint", "--from"])
def test_a_pipe_as_input_is_refused_at_once(tmp_path, flag):
    fifo = tmp_path/"pipe"
    os.mkfifo(fifo)
    t0 = time.time()
    assert "not a regular file" in one_line(cli("sketchrnn_generate", "--model", "vae", flag, fifo, "--out",
                                                 tmp_path/"o.ndjson", timeout=60), 2)
    assert time.time() - t0 < 30


# ---- a full disk ------------------------------------------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path):
    "A 600 kB tmpfs (needs root), unmounted at the end."
    if os.geteuid() != 0: pytest.skip("mounting a small tmpfs to fill needs root")
    disk = tmp_path/"disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", disk], capture_output=True).returncode:
        pytest.skip("this machine does not let root mount a tmpfs")
    yield disk
    subprocess.run(["umount", disk])


def fill(disk, leave=0):
    "Fill `disk` up to `leave` bytes."
    with open(disk/"filler", "wb", buffering=0) as f:
        with contextlib.suppress(OSError):
            while True: f.write(b"\0"*4096)
    if leave: os.truncate(disk/"filler", (disk/"filler").stat().st_size - leave)


def test_a_full_disk_keeps_the_old_picture_and_checkpoint(small_disk):
    from sketchrnn_nb.model import Config, SketchRNN
    config = Config(hidden_size=16, embed_dim=4, n_mixtures=2)
    small = SketchRNN.from_config(config, {"mean": [0, 0], "std": [1, 1]})
    save_checkpoint(small, small_disk/"model.safetensors", config)
    sketches = [s for _, s in generate_stream(load_pretrained(), ["star"], n=4, seed=0)]
    plot_sketches(sketches, path=small_disk/"grid.png")
    before = {f: (small_disk/f).read_bytes() for f in ("model.safetensors", "grid.png")}
    fill(small_disk)
    with pytest.raises(OSError): plot_sketches(sketches*4, path=small_disk/"grid.png")
    with pytest.raises(OSError): save_checkpoint(small, small_disk/"model.safetensors", config, history=[{"epoch": 1}])
    assert all((small_disk/f).read_bytes() == b for f, b in before.items())
    assert sorted(f.name for f in small_disk.iterdir()) == ["filler", "grid.png", "model.safetensors"]   # nothing half


def test_a_full_disk_is_one_line_from_the_commands(small_disk, tmp_path):
    assert cli("sketchrnn_generate", "--classes", "star", "--n", "1", "--seed", "0", "--out", tmp_path/"a.ndjson",
               "--png", small_disk/"s.png").returncode == 0
    picture = (small_disk/"s.png").read_bytes()
    fill(small_disk)
    line = one_line(cli("sketchrnn_generate", "--classes", "star", "--n", "9", "--out", tmp_path/"b.ndjson", "--png",
                        small_disk/"s.png", "--svg", tmp_path/"b.svg"), 1)
    assert "No space left on device" in line
    assert (small_disk/"s.png").read_bytes() == picture
    os.truncate(small_disk/"filler", (small_disk/"filler").stat().st_size - 8192)   # room for the lock, not a checkpoint
    line = one_line(cli("sketchrnn_train", *TINY, "--epochs", "1", "--out-dir", small_disk/"run"), 1)
    assert "No space left on device" in line and not list((small_disk/"run").glob(".*.tmp*"))


# ---- resumes that cannot be exact --------------------------------------------------------------------------------------
def other_drawings(tmp_path):
    "A cache folder whose star and apple files hold other drawings than the usual ones (the first ones dropped)."
    from sketchrnn_nb.data import download_quickdraw_data
    other = tmp_path/"other_cache"
    other.mkdir()
    for c in ("star", "apple"):
        records = [{"drawing": d} for d in load_google(c)[5:]]
        save_bin(records, bin_path(c, other))
    return other


def load_google(c):
    "The drawings of class `c` in the usual cache, as Google's [[xs], [ys]] strokes."
    from quickdraw import QuickDrawDataGroup
    g = QuickDrawDataGroup(c, recognized=None, max_drawings=None, cache_dir=str(default_cache_dir()),
                           print_messages=False)
    return [[[list(xs), list(ys)] for xs, ys in g.get_drawing(index=i).image_data] for i in range(min(60, g.drawing_count))]


def test_resume_on_other_data_is_refused(run, tmp_path):
    folder = tmp_path/"run"
    before = copy_run(run, folder)
    p = cli("sketchrnn_train", *TINY, "--epochs", "3", "--out-dir", folder, "--resume", "--cache-dir",
            other_drawings(tmp_path))
    assert "not the ones it trained on" in one_line(p, 2)
    assert same_files(folder, before)


@pytest.mark.parametrize("harm", ["no optimizer", "truncated", "bad state", "not safetensors"])
def test_a_damaged_resume_file_is_refused_with_the_way_out(run, tmp_path, harm):
    folder = tmp_path/"run"
    copy_run(run, folder)
    path = folder/"resume.safetensors"
    tensors, meta = read_safetensors(path)
    from safetensors.torch import save_file
    if harm == "no optimizer": save_file({k: v for k, v in tensors.items() if not k.startswith("opt.")}, path, meta)
    if harm == "truncated": os.truncate(path, path.stat().st_size//2)
    if harm == "bad state": save_file(tensors, path, meta | {"state": "{"})
    if harm == "not safetensors": path.write_text("hello")
    line = one_line(cli("sketchrnn_train", *TINY, "--epochs", "3", "--out-dir", folder, "--resume"), 2)
    assert "cannot resume its run exactly" in line and "--overwrite" in line


def test_a_damaged_prepared_folder_is_refused(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path/"xdg")}
    assert cli("sketchrnn_data", "--classes", "star,apple", "--max-per-class", "10", "--prepare", env=env).returncode == 0
    folder = next((tmp_path/"xdg").rglob("meta.json")).parent
    os.truncate(folder/"rows.i16", 10)
    line = one_line(cli("sketchrnn_train", *TINY, "--prepared", "--out-dir", tmp_path/"r", env=env), 3)
    assert "is damaged" in line


def test_a_class_with_no_drawing_is_refused(tmp_path):
    cache = tmp_path/"cache"
    cache.mkdir()
    save_bin([{"drawing": d} for d in load_google("star")], bin_path("star", cache))
    save_bin([{"drawing": [[list(range(0, 250, 1)), [0]*250]]}], bin_path("apple", cache))   # its only drawing: too long
    line = one_line(cli("sketchrnn_train", *TINY, "--cache-dir", cache, "--out-dir", tmp_path/"r"), 3)
    assert "No training drawing of apple" in line


# ---- several processes: exit statuses, and a process that stops answering ---------------------------------------------
NPROC = ["--nproc", "2", "--device", "cpu"]

@pytest.mark.parametrize("case, args, code, words", [
    ("no drawing fits", ["--max-len", "5"], 3, "No drawing of"), ("used folder", [], 2, "already holds a run"),
    ("nothing to do", ["--resume"], 5, "Nothing to do")], ids=lambda x: x if isinstance(x, str) else None)
def test_nproc_ends_like_one_process(run, tmp_path, case, args, code, words):
    "Several processes started by sketchrnn_train itself: the documented exit status and one line, no traceback."
    folder = tmp_path/"run"
    if case != "no drawing fits": copy_run(run, folder)
    p = cli("sketchrnn_train", *TINY, "--epochs", "2", *NPROC, *args, "--out-dir", folder)
    assert words in one_line(p, code)


def test_nproc_ctrl_c_exits_130_in_one_line(tmp_path):
    folder = tmp_path/"r"
    p = subprocess.Popen([BIN/"sketchrnn_train", *TINY, "--epochs", "400", *NPROC, "--out-dir", folder],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.time() + 120
    while not (folder/"resume.safetensors").exists() and time.time() < deadline: time.sleep(0.05)
    os.killpg(p.pid, signal.SIGINT)                                    # Ctrl-C in a terminal reaches every process
    _, err = p.communicate(timeout=120)
    assert p.returncode == 130 and "--resume" in err and "Traceback" not in err, err[-3000:]


def rank_process(rank) -> int:
    "The process id of the torchrun worker of `rank` (found by its environment in /proc)."
    for d in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            env = (d/"environ").read_bytes().split(b"\0")
            if d.name.isdigit() and f"RANK={rank}".encode() in env and b"TORCHELASTIC_RUN_ID" in b" ".join(env):
                return int(d.name)
    raise LookupError(f"no process of rank {rank}")


def test_a_stalled_process_is_named_and_every_process_stops(tmp_path):
    "torchrun, 2 processes; process 1 is stopped (SIGSTOP) mid-run: process 0 gives up after the collective timeout."
    folder = tmp_path/"r"
    p = subprocess.Popen([BIN/"torchrun", "--standalone", "--nproc_per_node", "2", "--no-python", BIN/"sketchrnn_train",
                          *TINY, "--epochs", "400", "--device", "cpu", "--out-dir", folder], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=os.environ | {"SKETCHRNN_COLLECTIVE_TIMEOUT": "8"},
                         start_new_session=True)
    deadline = time.time() + 120
    while not (folder/"resume.safetensors").exists() and time.time() < deadline: time.sleep(0.05)
    worker = rank_process(1)
    os.kill(worker, signal.SIGSTOP)
    t0 = time.time()
    try: _, err = p.communicate(timeout=150)
    finally:
        with contextlib.suppress(ProcessLookupError): os.kill(worker, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError): os.killpg(p.pid, signal.SIGKILL)
    assert p.returncode != 0 and "Process 1 of 2 stopped answering" in err, err[-3000:]
    assert time.time() - t0 < 120
    assert load_checkpoint(folder/"best.safetensors")                 # what it had is whole


# ---- SIGTERM, a single process ---------------------------------------------------------------------------------------
def test_sigterm_stops_a_single_process_run_with_a_word(tmp_path):
    folder = tmp_path/"r"
    p = subprocess.Popen([BIN/"sketchrnn_train", *TINY, "--epochs", "400", "--out-dir", folder],
                         stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not (folder/"resume.safetensors").exists() and time.time() < deadline: time.sleep(0.05)
    p.terminate()
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130 and "--resume" in err and "Traceback" not in err, err


# ---- the command line's sketches are generate_stream's --------------------------------------------------------------
def test_more_than_a_chunk_of_sketches_match_the_api(tmp_path):
    assert cli("sketchrnn_generate", "--classes", "star", "--n", "300", "--seed", "7", "--max-len", "12", "--out",
               tmp_path/"s.ndjson").returncode == 0
    from sketchrnn_nb.stroke5 import to_google_drawing
    api = [to_google_drawing(s) for _, s in generate_stream(load_pretrained(), ["star"], n=300, seed=7, max_len=12)]
    assert [json.loads(line)["drawing"] for line in (tmp_path/"s.ndjson").read_text().splitlines()] == api


def test_checkpoints_are_readable_like_any_file(run):
    umask = os.umask(0); os.umask(umask)
    assert stat.S_IMODE((run/"best.safetensors").stat().st_mode) == 0o666 & ~umask


# ---- a mirror that trickles --------------------------------------------------------------------------------------------
@contextlib.contextmanager
def mirror(root, trickle=1.0, length=True, size=200_000):
    "A server on 127.0.0.1 that serves `size` bytes for any path, a byte every `trickle` s (0: at once)."
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            if length: self.send_header("Content-Length", str(size))
            self.end_headers()
            with contextlib.suppress(OSError):
                if not trickle: return self.wfile.write(b"\0"*size)
                for _ in range(size):
                    self.wfile.write(b"\0"); self.wfile.flush(); time.sleep(trickle)
        def log_message(self, *a): pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try: yield f"http://127.0.0.1:{server.server_address[1]}"
    finally: server.shutdown(); server.server_close()


def test_a_trickling_mirror_hits_the_deadline_and_leaves_nothing(tmp_path):
    with mirror(tmp_path, trickle=0.5) as url:
        t0 = time.time()
        with pytest.raises(ConnectionError, match="took longer than"): download_file(f"{url}/star.bin", tmp_path/"s.bin",
                                                                                    deadline=2)
        assert time.time() - t0 < 10
    assert list(tmp_path.iterdir()) == []


def test_a_download_larger_than_the_cap_is_refused(tmp_path):
    for length in (True, False):   # announced by Content-Length, and not
        with mirror(tmp_path, trickle=0, length=length, size=50_000) as url:
            with pytest.raises(ConnectionError, match="bytes"): download_file(f"{url}/star.bin", tmp_path/"s.bin",
                                                                            max_bytes=10_000)
    assert list(tmp_path.iterdir()) == []


# ---- the same seed, the same sketches, in every process --------------------------------------------------------------
SAME_SEED = """
import hashlib, sys, torch
threads, work = map(int, sys.argv[1:])
if threads: torch.set_num_threads(threads)
g = torch.Generator().manual_seed(work)
junk = [torch.randn(int(torch.randint(1, 300, (1,), generator=g)), 517, generator=g) for _ in range(work)]
for a in junk[::2]: a @ a.T                                    # other work before, some of it kept
from sketchrnn_nb.model import load_pretrained, generate_batch
h = hashlib.sha256()
for name in ("gmm", "vae"):
    model = load_pretrained(name=name)
    for c, s in generate_batch(model, model.classes, n=4, temperature=0.4, seed=0): h.update(c.encode() + s.tobytes())
print(h.hexdigest())
"""

def test_the_same_seed_gives_the_same_arrays_in_every_process():
    "Fresh processes with 1 or 2 threads (or torch's default) and different work before: one set of arrays, bit for bit."
    runs = [(0, 0), (1, 0), (2, 0), (1, 7), (2, 13), (0, 29)]
    hashes = {subprocess.run([sys.executable, "-c", SAME_SEED, str(t), str(w)], capture_output=True, text=True,
                             check=True).stdout.strip() for t, w in runs}
    assert len(hashes) == 1, hashes
