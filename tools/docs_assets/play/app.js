// The Play page's controls: a drawing by the decoder, watched pen movement by pen movement, and the pad whose drawing
// the decoder finishes four ways, the VAE's variations and morphs. `window.play` is there for the browser tests
// (the Play page's tests in tests/e2e/test_docs_site.py).
import { Model, Sheet, drawRows, posteriorSamples, slerp } from "./play.js";

const $ = (id) => document.getElementById(id);
const frame = () => new Promise((r) => requestAnimationFrame(r));
const stats = { steps: 0, ms: 0 };   // pen movements made while watching, and the time they took

function rdp(pts, eps) {             // Ramer-Douglas-Peucker, as Quick, Draw! simplifies (and data.rdp)
  if (pts.length < 3) return pts;
  const [a, b] = [pts[0], pts[pts.length - 1]], L = Math.hypot(b[0] - a[0], b[1] - a[1]);
  let far = 0, k = 0;
  for (let i = 1; i < pts.length - 1; i++) {
    const p = pts[i], d = L ? Math.abs((b[0] - a[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (b[1] - a[1])) / L
                            : Math.hypot(p[0] - a[0], p[1] - a[1]);
    if (d > far) { far = d; k = i; }
  }
  return far <= eps ? [a, b] : [...rdp(pts.slice(0, k + 1), eps).slice(0, -1), ...rdp(pts.slice(k), eps)];
}

function strokesToRows(strokes) {    // strokes of [x, y] points (data units) to stroke-5 rows (strokes_to_sequence)
  const rows = []; let px = 0, py = 0;
  for (const s of strokes) s.forEach(([x, y], i) => {
    rows.push([x - px, y - py, i < s.length - 1 ? 1 : 0, i < s.length - 1 ? 0 : 1, 0]); px = x; py = y;
  });
  return rows;
}

async function watch(model, sheet, cls, opts) {   // draw one drawing on `sheet`, a pen movement a step
  let t0 = performance.now(), last = t0;
  for await (const [row] of drawRows(model, cls, opts)) {
    if (!row || row[4] === 1) break;                 // the sheet keeps the drawing's rows, not its end row
    sheet.add(row); stats.steps++;
    if (performance.now() - last > 15) { sheet.paint(); await frame(); last = performance.now(); }
  }
  sheet.paint();
  stats.ms += performance.now() - t0;
}

async function sample(model, cls, n, temperature, seed) {   // n finished drawings as stroke-5 rows (for the tests)
  const rows = Array.from({ length: n }, () => []);
  for await (const step of drawRows(model, cls, { n, temperature, seed }))
    step.forEach((r, b) => { if (r) rows[b].push(r); });
  return rows;
}

let busy = false;                     // one drawing at a time: every button waits for the one under way
function exclusive(action) {
  return async () => {
    if (busy) return;
    busy = true;
    document.querySelectorAll(".play button").forEach((b) => (b.disabled = true));
    try { await action(); } finally {
      busy = false;
      document.querySelectorAll(".play button").forEach((b) => (b.disabled = false));
    }
  };
}

async function main() {
  const status = $("play-status");
  const model = await Model.load("gmm");
  const cls = $("play-class"), temp = $("play-temperature"), seed = $("play-seed");
  for (const c of model.card.classes) cls.add(new Option(c, c));
  const show = () => ($("play-t").textContent = Number(temp.value).toFixed(2));
  temp.addEventListener("input", show); show();
  const sheet = new Sheet($("play-canvas"));
  const drawOne = exclusive(async () => {
    sheet.clear();
    status.textContent = `Drawing ${cls.value} at temperature ${Number(temp.value).toFixed(2)}, seed ${seed.value}...`;
    const [steps, ms] = [stats.steps, stats.ms];
    await watch(model, sheet, cls.value, { temperature: Number(temp.value), seed: Number(seed.value) });
    const n = stats.steps - steps, s = (stats.ms - ms) / 1000;
    status.textContent = `Drawn: ${cls.value}, ${n} pen movements in ${s.toFixed(2)} s (${Math.round(n / s)} a second).`;
    sheet.drawnAs = cls.value;
  });
  $("play-draw").addEventListener("click", drawOne);
  $("play-again").addEventListener("click", () => { if (!busy) { seed.value = Number(seed.value) + 1; drawOne(); } });

  // the pad: the reader draws, the decoder finishes the drawing four ways
  const pad = $("pad"), strokes = [], sheets = [...document.querySelectorAll(".pad-completion")].map((c) => new Sheet(c));
  const ctx = pad.getContext("2d"), unit = () => 256 / pad.width;
  let current = null;
  const clearPad = () => { strokes.length = 0; ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, pad.width, pad.height);
                           sheets.forEach((s) => s.clear()); $("pad-status").textContent = "Draw, then press complete."; };
  const at = (e) => { const r = pad.getBoundingClientRect(); return [(e.clientX - r.left) * pad.width / r.width,
                                                                    (e.clientY - r.top) * pad.height / r.height]; };
  pad.addEventListener("pointerdown", (e) => { current = [at(e)]; });   // a stroke ends where the pen leaves the pad
  pad.addEventListener("pointermove", (e) => {
    if (!current) return;
    const p = at(e), q = current[current.length - 1];
    if (Math.hypot(p[0] - q[0], p[1] - q[1]) < 2) return;
    ctx.strokeStyle = "#000"; ctx.lineWidth = 2.5; ctx.lineCap = "round";
    ctx.beginPath(); ctx.moveTo(...q); ctx.lineTo(...p); ctx.stroke(); current.push(p);
  });
  const up = () => {                    // as DrawingPad.add_stroke: simplified at 2 units, kept to 0.1 pixel
    const px = (v) => (Math.round(v / unit() * 10) / 10) * unit();
    if (current) strokes.push(rdp(current.map(([x, y]) => [x * unit(), y * unit()]), 2).map(([x, y]) => [px(x), px(y)]));
    current = null;
  };
  pad.addEventListener("pointerup", up); pad.addEventListener("pointerleave", up);
  $("pad-clear").addEventListener("click", clearPad);
  $("pad-complete").addEventListener("click", exclusive(async () => {
    if (!strokes.length) { $("pad-status").textContent = "Nothing to complete yet: draw a stroke first."; return; }
    const prefix = strokesToRows(strokes), n = sheets.length;
    sheets.forEach((s) => { s.clear(); prefix.forEach((r) => s.add(r, "#000")); s.paint(); });
    await drawAll(model, sheets, cls.value, { temperature: Number(temp.value), seed: Number(seed.value), prefix }, false);
    $("pad-status").textContent = `${n} completions of your ${strokes.length} stroke(s) as ${cls.value}.`;
  }));
  clearPad();

  window.play = { model, stats, sample: (c, n, t, s) => sample(model, c, n, t, s), drawOne };
  status.textContent = "Ready: choose a class and press draw.";
  $("play-draw").disabled = false;
  await drawOne();
  await vaeSection(cls, temp, seed, () => strokes, sheet);
}

async function drawAll(model, sheets, cls, opts, clear = true) {   // one drawing on each of `sheets`, all at once
  if (clear) sheets.forEach((s) => s.clear());
  let last = performance.now();
  for await (const step of drawRows(model, cls, { n: sheets.length, ...opts })) {
    step.forEach((r, b) => { if (r && r[4] !== 1) sheets[b].add(r); });
    if (performance.now() - last > 15) { sheets.forEach((s) => s.paint()); await frame(); last = performance.now(); }
  }
  sheets.forEach((s) => s.paint());
}

// the VAE: nine variations of the pad's drawing, and a morph from it to the drawing at the top
async function vaeSection(cls, temp, seed, padStrokes, top) {
  const status = $("vae-status");
  status.textContent = "Loading the VAE...";
  const vae = await Model.load("vae");
  const grid = [...document.querySelectorAll(".vae-variation")].map((c) => new Sheet(c));
  const strip = [...document.querySelectorAll(".vae-morph")].map((c) => new Sheet(c));
  const padRows = () => (padStrokes().length ? [...strokesToRows(padStrokes()), [0, 0, 0, 0, 1]] : null);
  const vary = async () => {
    const rows = padRows();
    if (!rows) { status.textContent = "Draw on the pad above first: the VAE varies your drawing."; return; }
    const [mu, logvar] = await vae.encode(rows), s = Number(seed.value), t = Number(temp.value);
    status.textContent = `Nine variations of your drawing as ${cls.value}...`;
    await drawAll(vae, grid, cls.value, { temperature: t, seed: s, z: posteriorSamples(mu, logvar, grid.length, s) });
    status.textContent = `Nine variations of your drawing as ${cls.value} by the VAE (temperature ${t.toFixed(2)}).`;
  };
  const morph = async () => {
    const rows = padRows(), other = top.rows.length ? [...top.rows, [0, 0, 0, 0, 1]] : null;
    if (!rows || !other) { status.textContent = "Draw on the pad, and let the model draw at the top: the morph goes from one to the other."; return; }
    const [a] = await vae.encode(rows), [b] = await vae.encode(other), n = strip.length, t = Number(temp.value);
    const ts = Array.from({ length: n }, (_, i) => i / (n - 1)), from = cls.value, to = top.drawnAs || cls.value;
    status.textContent = `Morphing your ${from} into the ${to} at the top...`;
    await drawAll(vae, strip, ts.map((f) => (from === to ? { [from]: 1 } : { [from]: 1 - f, [to]: f })),
                  { temperature: t, seed: Number(seed.value), z: ts.map((f) => slerp(a, b, f)) });
    status.textContent = `Your ${from} into the ${to} at the top, in ${n} steps (the VAE, temperature ${t.toFixed(2)}).`;
  };
  $("vae-vary").addEventListener("click", exclusive(vary));
  $("vae-morph").addEventListener("click", exclusive(morph));
  $("vae-vary").disabled = $("vae-morph").disabled = false;
  status.textContent = "Ready: draw on the pad above, then press variations or morph.";
  Object.assign(window.play, { vae, vary, morph });
}

main().catch((e) => { $("play-status").textContent = `The model did not load: ${e.message}`; throw e; });
