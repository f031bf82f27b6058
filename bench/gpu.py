"""The GPU check, one script of a few minutes, for a session that has a GPU. Prints one JSON object:
1. the training step in fp32 against a bare cuDNN nn.LSTM forward+backward of the same shapes (target: >= 85%);
2. sequences per second in bf16 at batch `--big-batch` (1024) against fp32 at batch 100 (target: >= 5x);
3. the shipped recipe trained `--epochs` epochs in fp32 and in bf16 from the same seed: best validation losses
   (target: bf16 within 2% of fp32).
    python bench/gpu.py [--epochs 30] [--device cuda]
    python bench/gpu.py --device cpu --quick      # a minute-long dry run of the same script on CPU"""
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path
from sketchrnn_nb.model import Config
from sketchrnn_nb.train import train_model

HERE = Path(__file__).parent

def step_bench(*flags):
    "bench/train.py's JSON for `flags`."
    out = subprocess.run([sys.executable, str(HERE/"train.py"), *flags], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)

def best_loss(config):
    "Train `config` into a temporary folder: its best validation loss and the seconds it took."
    t0 = time.time()
    _, history = train_model(config, progress=False)
    return min(h["valid_loss"] for h in history), round(time.time() - t0, 1)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--big-batch", type=int, default=1024)
    ap.add_argument("--quick", action="store_true", help="small model and data: checks the script, measures nothing")
    ap.add_argument("--cache-dir", default=os.environ.get("SKETCHRNN_QUICKDRAW_CACHE", "../shared/quickdraw/cache"))
    a = ap.parse_args()
    iters = ["--iters", "1" if a.quick else "20", "--device", a.device, "--cache-dir", a.cache_dir]
    fp32 = step_bench(*iters)
    bf16 = step_bench(*iters, "--precision", "bf16", "--batch-size", str(64 if a.quick else a.big_batch))
    small = dict(hidden_size=32, max_per_class=20, batch_size=20) if a.quick else {}
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for precision in ("fp32", "bf16"):
            cfg = Config(cache_dir=a.cache_dir, device=a.device, epochs=a.epochs, precision=precision,
                         out_dir=f"{tmp}/{precision}", **small)
            runs[precision] = best_loss(cfg)
    ratio = runs["bf16"][0]/runs["fp32"][0]
    speedup = bf16["full_seq_per_s"]/fp32["full_seq_per_s"]
    print(json.dumps({"benchmark": "gpu_check", "quick": a.quick, "device": fp32["device"], "gpu": fp32["gpu"],
                      "fp32_step": fp32, "bf16_big_batch_step": bf16,
                      "fp32_full_over_bare": fp32["full_over_bare"], "target_full_over_bare": 0.85,
                      "bf16_big_batch_seq_per_s_over_fp32_batch100": round(speedup, 2), "target_bf16_speedup": 5,
                      "epochs": a.epochs, "best_valid_fp32": round(runs["fp32"][0], 4),
                      "best_valid_bf16": round(runs["bf16"][0], 4), "bf16_over_fp32_loss": round(ratio, 4),
                      "target_loss_ratio_at_most": 1.02, "seconds_fp32": runs["fp32"][1], "seconds_bf16": runs["bf16"][1],
                      "meets_targets": (fp32["full_over_bare"] >= 0.85 and speedup >= 5 and ratio <= 1.02)},
                     indent=1))

if __name__ == "__main__":
    main()
