"""Benchmark: generation with the shipped model. ms per step at batch 1 (one LSTM step + sampling), and sketches/s
for 100 sketches generated in one batch vs one by one. Prints JSON. Targets: < 5 ms/step on CPU at batch 1,
batched >= 20x one-by-one. The speed-up per step cannot pass about `speedup_per_step_ceiling`: the steps of all
sketches over the steps of the longest one.
    python bench/generate.py [--device cuda] [--n 100] [--temperature 0.4]"""
import argparse, json, os, platform, time
import torch
from sketchrnn_nb.model import DEFAULT_TEMPERATURE, load_pretrained, generate_sketch, generate_batch, sample_rows

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--max-len", type=int, default=250)
    ap.add_argument("--temperature", type=float, default=DEFAULT_TEMPERATURE)
    a = ap.parse_args()
    dev = torch.device(a.device)
    model = load_pretrained(device=dev)
    classes = [model.classes[i % len(model.classes)] for i in range(a.n)]
    list(sample_rows(model, [0], max_len=20, seed=0))  # warm-up
    steps, t0 = 0, time.perf_counter()
    # may stop early at the end row
    for rows, done in sample_rows(model, [0], temperature=a.temperature, max_len=200, seed=1):
        steps += 1
    step_ms = (time.perf_counter() - t0)/steps*1000
    t0 = time.perf_counter()
    one = [generate_sketch(model, c, a.temperature, a.max_len, seed=i) for i, c in enumerate(classes)]
    t_one = time.perf_counter() - t0
    t0 = time.perf_counter()
    batch = generate_batch(model, classes, 1, a.temperature, a.max_len, seed=0)
    t_batch = time.perf_counter() - t0

    def steps_of(s):
        "Moves + the end row, or max_len steps for a sketch that never ended."
        return min(len(s), a.max_len)

    steps_one, steps_batch = sum(map(steps_of, one)), sum(steps_of(s) for _, s in batch)
    loop_steps = max(steps_of(s) for _, s in batch)   # the batch loop runs until its longest sketch is done
    print(json.dumps({"benchmark": "generation", "device": str(dev), "torch": torch.__version__,
                      "temperature": a.temperature, "threads": torch.get_num_threads(),
                      "ms_per_step_batch1": round(step_ms, 3), "steps_timed": steps, "target_ms_per_step": 5.0,
                      "sketches": a.n, "one_by_one_s": round(t_one, 3), "batched_s": round(t_batch, 3),
                      "one_by_one_sketches_per_s": round(a.n/t_one, 2),
                      "batched_sketches_per_s": round(a.n/t_batch, 2),
                      "batched_speedup": round(t_one/t_batch, 1), "target_speedup": 20,
                      "mean_points_one_by_one": round(sum(len(s) for s in one)/a.n, 1),
                      "mean_points_batched": round(sum(len(s) for _, s in batch)/a.n, 1),
                      # where the time goes: a batch-1 step reads every weight once per step (memory-bound); in a batch
                      # the same weights serve many sketches, and the cost per sketch-step is the arithmetic itself
                      "one_by_one_ms_per_step": round(1000*t_one/steps_one, 3),
                      "batched_ms_per_sketch_step": round(1000*t_batch/steps_batch, 3),
                      # the two runs draw different sketches (one seed per sketch vs one for the batch): per step is
                      # the fairer comparison
                      "batched_speedup_per_step": round((t_one/steps_one)/(t_batch/steps_batch), 1),
                      # the batch loop takes as many steps as its longest sketch, none cheaper than a batch-1 step, so
                      # even if the arithmetic of many sketches at once were free, the speed-up per step could not pass
                      # about this:
                      "batched_loop_steps": loop_steps,
                      "sketches_at_max_len": sum(len(s) > a.max_len for _, s in batch),
                      "speedup_per_step_ceiling": round(steps_batch/loop_steps, 1),
                      "machine": f"{platform.machine()} {os.cpu_count()} cpus"}, indent=1))

if __name__ == "__main__":
    main()
