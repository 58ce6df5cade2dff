// Marks (User Timing) for scripts/bench-app's start-up breakdown; a mark
// costs nothing worth measuring when nobody reads it.
performance.mark("script");
import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { i18n, loadLanguage } from "./lib/i18n.svelte";
import { watchUncaught } from "./lib/uncaught";

watchUncaught();

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");
// In the window's language from the first frame: a language other than
// English is loaded first (a chunk of the window's own files, a few ms).
// Should it fail to load, the window still starts, in English words.
export default loadLanguage(i18n.lang)
  .catch((e) => console.error("the window's language did not load", e))
  .then(() => mount(App, { target }));
