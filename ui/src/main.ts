// Marks (User Timing) for scripts/bench-app's start-up breakdown; a mark
// costs nothing worth measuring when nobody reads it.
performance.mark("script");
import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { watchUncaught } from "./lib/uncaught";

watchUncaught();

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");
export default mount(App, { target });
