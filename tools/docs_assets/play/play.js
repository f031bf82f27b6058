// The Play page: the package's shipped models draw in the browser, one pen movement per run of the decoder's step
// exported by `export_onnx` (10_browser), with onnxruntime-web (WebAssembly, vendored in ort/). Sampling follows the
// library's: a mixture component at the tempered odds, a move from its tempered normal (GMMHead.sample), and the pen
// at the model's own odds, with no end before MIN_MOVES moves (sample_pen, sample_rows).
const HERE = new URL(".", import.meta.url);
ort.env.wasm.wasmPaths = new URL("ort/", HERE).href;
ort.env.wasm.numThreads = 1;       // threads need a cross-origin-isolated page; one thread is fast enough here
const MIN_MOVES = 2, MAX_LEN = 250, END = [0, 0, 0, 0, 1];
const f32 = Math.fround;           // a number rounded to float32, where the library computes in float32

// The runtime's WebAssembly (12 MB) comes gzipped (3 MB; tools/build_docs.py packs it) and is unpacked by the
// browser's own DecompressionStream, so the page with both models stays under 20 MB with their weights unchanged.
let runtime = null;
async function fetched(path) {     // a file of the page's, or an error that names it
  const r = await fetch(new URL(path, HERE));
  if (!r.ok) throw new Error(`${path}: ${r.status} ${r.statusText}`);
  return r;
}
function loadRuntime() {
  runtime ??= fetched("ort/ort-wasm-simd-threaded.wasm.gz")
    .then((r) => new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer())
    .then((b) => { ort.env.wasm.wasmBinary = new Uint8Array(b); });
  return runtime;
}

// ---- seeded randomness -------------------------------------------------------------------------------------------
export function uniform(seed) {    // mulberry32: uniform numbers in [0, 1) from a 32-bit seed
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (u) => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());   // Box-Muller
function choose(probs, u) {        // an index at the odds `probs`
  let r = u() * probs.reduce((a, b) => a + b, 0);
  for (let i = 0; i < probs.length; i++) { r -= probs[i]; if (r < 0) return i; }
  return probs.length - 1;
}
function softmax(logits, t = 1) {
  const m = Math.max(...logits) / t, e = logits.map((x) => Math.exp(x / t - m)), s = e.reduce((a, b) => a + b);
  return e.map((v) => v / s);
}

// ---- the model -----------------------------------------------------------------------------------------------------
export class Model {
  static async load(name) {
    await loadRuntime();
    const base = new URL(`models/${name}/`, HERE), m = new Model(), open = (f) => ort.InferenceSession.create(
      new URL(f, base).href, { executionProviders: ["wasm"] });
    m.card = await (await fetched(`models/${name}/model.json`)).json();
    m.step = await open("step.onnx");
    if (m.card.z_size) [m.init, m.encoder] = [await open("init.onnx"), await open("encoder.onnx")];
    return m;
  }
  zeros(B) {                       // the decoder's first (h, c): zeros (a VAE's come from z, init.onnx)
    const { num_layers: L, hidden_size: H } = this.card;
    return { h: new ort.Tensor("float32", new Float32Array(L * B * H), [L, B, H]),
             c: new ort.Tensor("float32", new Float32Array(L * B * H), [L, B, H]) };
  }
  classWeights(cls, B) {           // class weights (B, n): `cls` a name (one-hot rows), or one {name: weight} a row
    const names = this.card.classes, n = names.length, w = new Float32Array(B * n);
    for (let b = 0; b < B; b++) {
      const blend = typeof cls === "string" ? { [cls]: 1 } : cls[b];
      for (const [c, v] of Object.entries(blend)) {
        if (!names.includes(c)) throw new Error(`This model does not draw ${c}; it knows ${names.join(", ")}.`);
        w[b * n + names.indexOf(c)] += v;
      }
    }
    return new ort.Tensor("float32", w, [B, n]);
  }
  async start(z) {                 // a VAE's first state from latents z (B rows of z_size numbers)
    const t = new ort.Tensor("float32", Float32Array.from(z.flat()), [z.length, this.card.z_size]);
    const { h, c } = await this.init.run({ z: t });
    return [{ h, c }, t];
  }
  async encode(rows) {             // the posterior (mu, logvar) of one drawing's data-unit rows, ending in END (encode)
    const [sx, sy] = this.card.stats.std.map(f32);  // normalized in float32, as normalize_sequence does
    const x = rows.map(([dx, dy, ...p]) => [f32(f32(dx) / sx), f32(f32(dy) / sy), ...p]);
    const enc = this.card.encoder, S = enc.size;   // the LSTM reads the rows, the CNN their picture
    const input = enc.kind === "picture"
      ? { picture: new ort.Tensor("float32", picture(x, enc), [1, 1, S, S]) }
      : { rows: new ort.Tensor("float32", Float32Array.from(x.flat()), [1, x.length, 5]) };
    const out = await this.encoder.run(input);
    return [Array.from(out.mu.data), Array.from(out.logvar.data)];
  }
  async run(rows, state, weights, z) { // one step for B normalized rows: the outputs, and the next state
    const B = rows.length, x = new ort.Tensor("float32", Float32Array.from(rows.flat()), [B, 5]);
    const out = await this.step.run({ x, h: state.h, c: state.c, class_weights: weights, ...(z ? { z } : {}) });
    return [out, { h: out.h_next, c: out.c_next }];
  }
}

// ---- a drawing's picture, for a CNN encoder ------------------------------------------------------------------------
const roundEven = (v) => {         // torch.round: halves to the even neighbour
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 ? r - 1 : r;
};
export function picture(rows, { size, margin, thickness }) {   // raster_sketches for one drawing: size x size 0s and 1s
  let x = 0, y = 0;                // the points, absolute: summed in float64 as torch.cumsum sums float32 on a CPU
  const pts = rows.map(([dx, dy]) => [f32((x += dx)), f32((y += dy))]);
  const lo = [0, 1].map((d) => Math.min(...pts.map((p) => p[d])));
  const hi = [0, 1].map((d) => Math.max(...pts.map((p) => p[d])));
  const span = Math.max(f32(hi[0] - lo[0]), f32(hi[1] - lo[1]), f32(1e-6));
  const scale = f32(f32(1 / span) * (size - 1 - 2 * margin));     // torch divides a number by a tensor so
  const px = pts.map((p) => p.map((v, d) => f32(f32(f32(v - f32(f32(lo[d] + hi[d]) / 2)) * scale) + (size - 1) / 2)));
  const down = rows.slice(0, -1).map((r) => r[2] > 0.5);          // segment i: point i to i + 1, pen down
  const k = 2 * Math.ceil((size - 1 - 2 * margin) * Math.SQRT2) + 2;  // dots a segment: every half pixel, or closer
  const img = new Uint8Array(size * size), dot = (u, v) => {
    const [i, j] = [u, v].map((w) => Math.min(size - 1, Math.max(0, roundEven(w))));
    img[j * size + i] = 1;
  };
  px.forEach(([u, v]) => dot(u, v));
  down.forEach((d, i) => {
    if (!d) return;
    const [a, b] = [px[i], px[i + 1]], ab = [f32(b[0] - a[0]), f32(b[1] - a[1])];
    for (let j = 0; j < k; j++) {
      const t = f32(j / (k - 1));
      dot(f32(a[0] + f32(t * ab[0])), f32(a[1] + f32(t * ab[1])));
    }
  });
  const out = new Float32Array(size * size), r = thickness >> 1;    // thickened: a max over thickness x thickness
  const near = (i, j) => {         // any dot within r pixels of (i, j)
    for (let v = Math.max(0, j - r); v <= Math.min(size - 1, j + r); v++)
      for (let u = Math.max(0, i - r); u <= Math.min(size - 1, i + r); u++) if (img[v * size + u]) return 1;
    return 0;
  };
  for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) out[j * size + i] = near(i, j);
  return out;
}

export function sampleRow(out, b, M, t, u, allowEnd) {   // drawing b's next normalized row (GMMHead.sample)
  const get = (k) => Array.from(out[k].data.slice(b * M, (b + 1) * M));
  const j = choose(softmax(get("pi_logits"), t), u);
  const [mx, my, sx, sy, r] = ["mu_x", "mu_y", "sigma_x", "sigma_y", "rho"].map((k) => out[k].data[b * M + j]);
  const s = Math.sqrt(t), z0 = normal(u), z1 = normal(u);
  const dx = mx + sx * s * z0, dy = my + sy * s * (r * z0 + Math.sqrt(1 - r * r) * z1);
  let pen = softmax(Array.from(out.pen_logits.data.slice(b * 3, b * 3 + 3)));
  if (!allowEnd) pen = [pen[0], pen[1]];
  const p = choose(pen, u);
  return p === 2 ? END.slice() : [dx, dy, p === 0 ? 1 : 0, p === 1 ? 1 : 0, 0];
}

// Yield, step by step, the new rows (in data units) of `n` drawings of `cls` (a name, or a blend a drawing) after the
// data-unit rows `prefix`; a VAE draws from the latents `z` (n rows).
export async function* drawRows(model, cls, { n = 1, temperature = 0.4, seed = 0, prefix = [], z = null } = {}) {
  const [sx, sy] = model.card.stats.std, M = model.card.n_mixtures, u = uniform(seed);
  const weights = model.classWeights(cls, n);
  let [state, zt] = z ? await model.start(z) : [model.zeros(n), null], out;
  const fed = [model.card.start, ...prefix.map(([dx, dy, ...p]) => [dx / sx, dy / sy, ...p])];
  for (const row of fed.slice(0, -1)) [, state] = await model.run(Array(n).fill(row), state, weights, zt);
  let x = Array(n).fill(fed[fed.length - 1]), done = Array(n).fill(false);
  for (let t = 0; t < MAX_LEN - prefix.length && !done.every(Boolean); t++) {
    [out, state] = await model.run(x, state, weights, zt);
    x = x.map((prev, b) => (done[b] ? END.slice() : sampleRow(out, b, M, temperature, u, t >= MIN_MOVES)));
    yield x.map((r, b) => (done[b] ? null : [r[0] * sx, r[1] * sy, r[2], r[3], r[4]]));
    x.forEach((r, b) => { if (r[4] === 1) done[b] = true; });
  }
}

// ---- drawing on a canvas -------------------------------------------------------------------------------------------
export class Sheet {               // stroke-5 rows (data units) drawn on a canvas, the view growing to hold them
  constructor(canvas, color = "#1f64c8") { Object.assign(this, { canvas, color, rows: [], ink: [] }); this.clear(); }
  clear() { this.rows = []; this.ink = []; this.paint(); }
  add(row, color = this.color) { this.rows.push(row); this.ink.push(color); }
  points() {                       // absolute points and whether the pen is down from each to the next
    let x = 0, y = 0; return this.rows.map((r) => { x += r[0]; y += r[1]; return [x, y, r[2] === 1]; });
  }
  paint() {
    const ctx = this.canvas.getContext("2d"), W = this.canvas.width, pts = this.points();
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, W, W);
    let lo = [0, 0], hi = [256, 256];
    for (const [x, y] of pts) { lo = [Math.min(lo[0], x), Math.min(lo[1], y)]; hi = [Math.max(hi[0], x), Math.max(hi[1], y)]; }
    const k = (W - 16) / Math.max(hi[0] - lo[0], hi[1] - lo[1]), X = (v) => 8 + (v - lo[0]) * k, Y = (v) => 8 + (v - lo[1]) * k;
    ctx.lineWidth = 2.5; ctx.lineCap = ctx.lineJoin = "round";
    for (let i = 0; i + 1 < pts.length; i++) {
      if (!pts[i][2]) continue;
      ctx.strokeStyle = this.ink[i + 1]; ctx.beginPath();
      ctx.moveTo(X(pts[i][0]), Y(pts[i][1])); ctx.lineTo(X(pts[i + 1][0]), Y(pts[i + 1][1])); ctx.stroke();
    }
  }
}

// ---- the VAE's latents -------------------------------------------------------------------------------------------
export function posteriorSamples(mu, logvar, n, seed, spread = 1) {   // n z's around mu (variations)
  const u = uniform(seed);
  return Array.from({ length: n }, () => mu.map((m, i) => m + spread * Math.exp(logvar[i] / 2) * normal(u)));
}
export function slerp(a, b, t) {   // spherical interpolation, as vae.slerp
  const dot = a.reduce((s, v, i) => s + v * b[i], 0), na = Math.hypot(...a), nb = Math.hypot(...b);
  const omega = Math.acos(Math.min(1, Math.max(-1, dot / (na * nb))));
  if (Math.abs(omega) < 1e-6) return a.map((v, i) => (1 - t) * v + t * b[i]);
  return a.map((v, i) => (Math.sin((1 - t) * omega) * v + Math.sin(t * omega) * b[i]) / Math.sin(omega));
}
