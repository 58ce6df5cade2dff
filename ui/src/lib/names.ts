// Names in three forms (Latin, Chinese, own script) and which the reader sees
// first. The rule is the core's (crates/core/src/names.rs, `Names`); it is
// mirrored here because a switch of language must re-order every name on
// screen at once, without asking Rust again. e2e checks both orders.

import { i18n, shownForms } from "./i18n.svelte";

/** Anything that carries the three forms of a name. */
export interface NameForms {
  name: string;
  chinese_name: string;
  native_name: string;
}

/** Readers of Chinese look for the Chinese form first, others for the Latin
 *  one; then the form that tells them the most beside it. */
function order(n: NameForms, lang: string): string[] {
  return lang.startsWith("zh") ? [n.chinese_name, n.name, n.native_name] : [n.name, n.native_name, n.chinese_name];
}

/** The form shown first, and the one beside it ("" for none). */
export function nameParts(n: NameForms, lang: string = i18n.lang): { first: string; beside: string } {
  if (n.chinese_name) shownForms.add(n.chinese_name);
  const forms = order(n, lang);
  const i = forms.findIndex((f) => f !== "");
  if (i < 0) return { first: "", beside: "" };
  const first = forms[i];
  const beside = forms.slice(i + 1).find((f) => f !== "" && f !== first) ?? "";
  return { first, beside };
}

/** "First (beside)", or the first form alone: for sentences and names in lists. */
export function shownName(n: NameForms, lang: string = i18n.lang): string {
  const { first, beside } = nameParts(n, lang);
  return beside ? `${first} (${beside})` : first;
}

/** The `lang` attribute for a form of a name, so that the font and the line
 *  breaking suit its script (undefined: the page's own). */
export function formLang(n: NameForms, form: string): string | undefined {
  if (form === "") return undefined;
  if (form === n.chinese_name) return "zh-CN";
  if (form === n.name) return "en";
  return undefined;
}

/** What lists sort by in any language (the core's `Names::sort_key`). */
export function sortName(n: NameForms): string {
  return n.name || n.chinese_name || n.native_name;
}

/** An organisation's names, as lists carry them (the core's OrgLabel). */
export interface OrgForms extends NameForms {
  acronym: string;
}

/** An organisation's short label for the reader: in Chinese its Chinese
 *  name (中国国际扶贫中心, not IPRCC), else its acronym; in other languages
 *  its acronym, else its first name form (the core's `names::org_short`). */
export function orgLabel(o: OrgForms | null | undefined, lang: string = i18n.lang): string {
  if (!o) return "";
  if (o.chinese_name) shownForms.add(o.chinese_name);
  if (lang.startsWith("zh") && o.chinese_name) return o.chinese_name;
  return o.acronym || nameParts(o, lang).first;
}
