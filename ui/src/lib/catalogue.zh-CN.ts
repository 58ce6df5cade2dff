// The Chinese catalogues, in a chunk of their own: loaded when the window
// first needs Chinese (lib/i18n.svelte.ts, loadLanguage), not by every
// window at start.
import core from "../../../locales/zh-CN/core.ftl?raw";
import ui from "../../../locales/zh-CN/ui.ftl?raw";
import zones from "../../../locales/zh-CN/zones.txt?raw";
import type { Catalogue } from "./i18n.svelte";

export const catalogue: Catalogue = { files: [core, ui], zones };
