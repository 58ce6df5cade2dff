// Report once the first frame with content has been painted.
requestAnimationFrame(() =>
  requestAnimationFrame(() =>
    window.__TAURI_INTERNALS__.invoke("painted", {
      report: { event: "first-data", ui_ms: null, detail: `origin=${performance.timeOrigin.toFixed(0)}` },
    }),
  ),
);
