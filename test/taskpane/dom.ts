/** What Fluent UI expects of a browser that jsdom lacks, and a wrapper that renders a screen in a language. */
import { createElement, type ReactNode } from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { configure } from "@testing-library/react";
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

// A query that finds nothing used to print the whole page as pretty DOM in its error. Inside `waitFor`,
// which retries every 50 ms, that printing (most of a second for the Model screen's page in jsdom) ate
// the wait itself, so a re-run that finished in time was not seen in time. The error now names what was
// asked, with the start of the page's text to tell where it was.
configure({
  getElementError(message, container) {
    const e = new Error(`${message ?? ""}\n(the page's text begins: ${(container.textContent ?? "").replace(/\s+/g, " ").slice(0, 600)})`);
    e.name = "TestingLibraryElementError";
    return e;
  },
});
