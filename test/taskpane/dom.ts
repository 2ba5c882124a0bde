/** What Fluent UI expects of a browser that jsdom lacks, and a wrapper that renders a screen in a language. */
import { createElement, type ReactNode } from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { LangContext } from "../../taskpane/i18n";
import type { Lang } from "../../src/text";

const w = globalThis as unknown as Record<string, unknown>;
w.matchMedia ??= () => ({ matches: false, media: "", addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, onchange: null, dispatchEvent: () => false });
w.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
w.IS_REACT_ACT_ENVIRONMENT = true;

export function inLang(lang: Lang, node: ReactNode) {
  return createElement(FluentProvider, { theme: webLightTheme }, createElement(LangContext.Provider, { value: lang }, node));
}

// the charts measure text on a canvas when there is one; jsdom has none (they fall back to estimates)
(globalThis as unknown as { HTMLCanvasElement?: { prototype: { getContext: () => null } } }).HTMLCanvasElement!.prototype.getContext = () => null;
