"""Training never loses work: real `sketchrnn_train` processes killed (SIGKILL) or interrupted (SIGINT) at random
moments leave checkpoints that load, and resuming reaches exactly the weights of a run that was never stopped;
two runs into one folder are refused. Needs the Quick, Draw! data (the package's sample or the offline copy)."""
import os, random, signal, subprocess, sys, time
from pathlib import Path
import pytest
import torch
from sketchrnn_nb.model import load_checkpoint, read_safetensors

BIN = Path(sys.executable).parent
TINY = ["--classes", "star,apple", "--max-per-class", "10", "--hidden-size", "32", "--embed-dim", "4", "--n-mixtures", "2",
        "--batch-size", "4", "--epochs", "12", "--lr-patience", "2", "--early-stop-patience", "100", "--quiet"]

def train(folder, *extra):
    "Start `sketchrnn_train` on the tiny run into `folder`."
    return subprocess.Popen([BIN/"sketchrnn_train", *TINY, "--out-dir", str(folder), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

def finish(folder, *extra):
    "Run the tiny run into `folder` to the end; its output, checked for success."
    p = train(folder, *extra)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    return out

def weights(folder):
    "The best model's weights and its history's length."
    model, info = load_checkpoint(Path(folder)/"best.safetensors")
    return model.state_dict(), len(info["history"])

@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("whole")
    finish(folder)
    return weights(folder)

def assert_same(folder, uninterrupted):
    w, n = weights(folder)
    assert n == uninterrupted[1] == 12
    for k, v in uninterrupted[0].items(): assert torch.equal(w[k], v), k

def resume_after_stop(folder):
    "Continue a stopped run as a user would: --resume if it finished an epoch, else start over."
    if not (folder/"resume.safetensors").exists(): return finish(folder, "--overwrite")
    p = train(folder, "--resume")
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0 or (p.returncode == 5 and "Nothing to do" in err), err   # killed after its last epoch
    return out

def wait_for(path, timeout=120):
    "Wait until `path` exists."
    deadline = time.time() + timeout
    while not path.exists() and time.time() < deadline: time.sleep(0.02)

@pytest.mark.parametrize("seed", range(5))
def test_sigkill_at_a_random_moment_loses_nothing(tmp_path, uninterrupted, seed):
    "Seeds 0-1 kill during start-up or data loading; 2-4 during training, after a random number of epochs."
    folder, rng = tmp_path/"run", random.Random(seed)
    p = train(folder)
    if seed < 2: time.sleep(rng.uniform(0.5, 3.0))
    else:
        wait_for(folder/"resume.safetensors")
        time.sleep(rng.uniform(0.0, 1.0))
    p.send_signal(signal.SIGKILL)
    p.wait()
    for f in ("best.safetensors", "resume.safetensors"):   # whatever is on disk is whole
        if (folder/f).exists(): read_safetensors(folder/f)
    if (folder/"best.safetensors").exists(): load_checkpoint(folder/"best.safetensors")
    resume_after_stop(folder)
    assert_same(folder, uninterrupted)
    assert not list(folder.glob(".*.tmp*"))      # a temporary file of the killed writer is cleaned up by the next run

def test_ctrl_c_exits_130_and_resumes_exactly(tmp_path, uninterrupted):
    folder = tmp_path/"run"
    p = train(folder)
    wait_for(folder/"resume.safetensors")
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert "resume" in err and "Traceback" not in err
    resume_after_stop(folder)
    assert_same(folder, uninterrupted)

def test_a_second_run_into_a_busy_folder_is_refused(tmp_path):
    folder = tmp_path/"run"
    first = train(folder, "--epochs", "400")
    deadline = time.time() + 120
    while not ((folder/".lock").exists() and (folder/".lock").read_text()) and time.time() < deadline: time.sleep(0.05)
    second = subprocess.run([BIN/"sketchrnn_train", *TINY, "--out-dir", str(folder), "--overwrite"],
                            capture_output=True, text=True, timeout=120)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert second.returncode == 2 and f"pid {first.pid}" in second.stderr, second.stderr
    assert "in use by another training run" in second.stderr

TORCHRUN = [BIN/"torchrun", "--standalone", "--nproc_per_node", "2", "--no-python", BIN/"sketchrnn_train"]
DDP = ["--bucket", "--device", "cpu"]

def torchrun(folder, *extra):
    "Start the tiny run in 2 CPU processes under torchrun, in a process group of its own (as a terminal starts it)."
    return subprocess.Popen([*TORCHRUN, *TINY, *DDP, "--out-dir", str(folder), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)

def test_torchrun_ctrl_c_stops_every_process_and_resumes_exactly(tmp_path):
    "Ctrl-C in a terminal reaches torchrun and its workers; the run resumes to the weights of one never stopped."
    whole = torchrun(tmp_path/"whole")
    _, err = whole.communicate(timeout=300)
    assert whole.returncode == 0, err
    folder = tmp_path/"run"
    p = torchrun(folder)
    wait_for(folder/"resume.safetensors")
    os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode != 0 and "Interrupted after" in err and "--resume" in err, err
    again = torchrun(folder, "--resume")
    _, err = again.communicate(timeout=300)
    assert again.returncode in (0, 5), err      # 5: interrupted after its last epoch, nothing left to do
    assert_same(folder, weights(tmp_path/"whole"))
