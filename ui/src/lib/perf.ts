// Measurement hooks for scripts/bench-app; inert unless the app was started
// with LIAISON_PERF. The page reports what only it can know: when something
// has actually been painted.
import { invoke } from "@tauri-apps/api/core";
import type { PaintReport } from "./bindings/PaintReport";

let mode: string | null = null;

/** Reports already sent, once per app run (views remount on navigation). */
export const reported = new Set<string>();

export async function initPerf(): Promise<string | null> {
  try {
    mode = await invoke<string | null>("perf_mode");
  } catch {
    mode = null;
  }
  return mode;
}

export function perfMode(): string | null {
  return mode;
}

/** A moment the scroll probe may explain slow frames with: a User Timing
 *  mark, like the start-up marks; only in perf mode, so that a long session
 *  does not keep collecting them. */
export function mark(what: string) {
  if (mode) performance.mark(what);
}

/** Resolves after the next frame has been painted. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

export function report(event: string, uiMs: number | null = null, detail: string | null = null) {
  if (!mode) return;
  const r: PaintReport = { event, ui_ms: uiMs, detail };
  void invoke("painted", { report: r }).catch(() => {});
}

function marksBetween(from: number, to: number): PerformanceEntry[] {
  return performance.getEntriesByType("mark").filter((m) => m.startTime > from && m.startTime <= to);
}

/** Scrolls `el` down for `frames` frames and reports frame times. */
export async function scrollProbe(el: HTMLElement, frames = 180): Promise<void> {
  const gaps: number[] = [];
  const slow: string[] = [];
  const slowAt: string[] = [];
  let last = performance.now();
  const t0 = last;
  for (let i = 0; i < frames; i++) {
    el.scrollTop += 60;
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    gaps.push(now - last);
    if (now - last > 50) {
      slowAt.push(`${Math.round(last - t0)}-${Math.round(now - t0)}`);
      const during = marksBetween(last, now).map((m) => m.name);
      slow.push(`${i}:${Math.round(now - last)}${during.length ? `(${during.join("+")})` : ""}`);
    }
    last = now;
  }
  const timeline = marksBetween(t0, Infinity).map((m) => `${m.name}@${Math.round(m.startTime - t0)}`).join(",");
  gaps.sort((a, b) => a - b);
  const p = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))].toFixed(1);
  const stalls = gaps.filter((g) => g > 50).length;
  report("scroll", gaps[gaps.length - 1], `frames=${frames} median_ms=${p(0.5)} p95_ms=${p(0.95)} max_ms=${p(1)} over_50ms=${stalls} at=[${slow.join(",")}] rows=${el.querySelectorAll("table.visits tbody tr").length} slow_ms=[${slowAt.join(",")}] marks=[${timeline}]`);
}

/** Drags `el` down 200 pixels and back, one move a frame, as a hand
 *  would, and reports the frame times; it ends where it began, so nothing
 *  is saved. */
export async function dragProbe(el: HTMLElement, frames = 90): Promise<void> {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2;
  const y = r.top + 6;
  const at = (dy: number) => ({ clientX: x, clientY: y + dy, bubbles: true, pointerId: 1, button: 0, isPrimary: true });
  el.dispatchEvent(new PointerEvent("pointerdown", at(0)));
  const gaps: number[] = [];
  let last = performance.now();
  for (let i = 1; i <= frames; i++) {
    const dy = 200 * Math.sin((Math.PI * i) / frames);
    window.dispatchEvent(new PointerEvent("pointermove", at(i === frames ? 0 : dy)));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }
  window.dispatchEvent(new PointerEvent("pointerup", at(0)));
  // Which frames were slow (1 = the first move), to tell a start-up cost from a pause.
  const slow = gaps.flatMap((g, i) => (g > 50 ? [`${i + 1}:${g.toFixed(0)}`] : [])).join(",");
  gaps.sort((a, b) => a - b);
  const p = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))].toFixed(1);
  report("drag", gaps[gaps.length - 1], `frames=${frames} median_ms=${p(0.5)} p95_ms=${p(0.95)} max_ms=${p(1)} over_50ms=${gaps.filter((g) => g > 50).length} slow=[${slow}]`);
}
