"""Benchmark: frames per second the live generation widget's update path sustains on CPU: for every frame, one model
step (`sample_rows`, through `LiveGeneration.sampled_rows`), rendering the PNG frame and updating the Image and status
widgets, as `LiveGeneration.show` does when Play advances the step slider. No browser: this is the kernel's side of
each frame. Prints JSON.
Target: at least 30 frames/s with the shipped model.
    python bench/live.py [--sketches 10] [--size 320]"""
import argparse, json, os, platform, time
import torch
from sketchrnn_nb.model import DEFAULT_TEMPERATURE, load_pretrained
from sketchrnn_nb.visualize import live_generation, render_frame

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sketches", type=int, default=10)
    ap.add_argument("--size", type=int, default=320)
    ap.add_argument("--temperature", type=float, default=DEFAULT_TEMPERATURE)
    a = ap.parse_args()
    model = load_pretrained()
    app = live_generation(model, model.classes[0], a.temperature, seed=0, size=a.size)
    app.show(5)  # warm-up
    frames, t_frames, t_render = 0, 0.0, 0.0
    for i in range(a.sketches):
        app.cls.value = model.classes[i % len(model.classes)]   # a new class and seed restart a new sketch
        app.seed.value = i + 1
        k = 0
        while not (app.finished and k >= len(app.rows)):
            k += 1
            t0 = time.perf_counter()
            app.show(k)
            t_frames += time.perf_counter() - t0
            frames += 1
            t0 = time.perf_counter()
            render_frame(app.rows[:k], a.size)
            t_render += time.perf_counter() - t0
    fps = frames/t_frames
    print(json.dumps({"benchmark": "live_widget_update", "device": "cpu", "torch": torch.__version__,
                      "threads": torch.get_num_threads(), "sketches": a.sketches, "frames": frames,
                      "frames_per_s": round(fps, 1), "ms_per_frame": round(1000/fps, 2),
                      "render_only_ms_per_frame": round(1000*t_render/frames, 2), "frame_px": a.size,
                      "target_frames_per_s": 30, "machine": f"{platform.machine()} {os.cpu_count()} cpus"}, indent=1))

if __name__ == "__main__":
    main()
