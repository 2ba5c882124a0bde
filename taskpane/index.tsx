/**
 * The task pane's entry, and the one place Office.onReady is awaited. Inside Excel the pane talks to
 * the workbook; outside Excel (a plain browser: Office.onReady resolves with host null, or office.js
 * is absent or could not load) it runs standalone on files the user opens.
 *
 * The custom functions (same runtime) answer in Excel's display language unless a formula says
 * otherwise (the lang argument of SETTLEMENT, EXPLAIN, POLICY_PARAMS): it is set here, once. The
 * pane's own language switch does not change it, because Excel would not recalculate the cells.
 */
import { createRoot } from "react-dom/client";
import { setLanguage } from "../functions/excel";
import { App } from "./App";
import { detectLanguage } from "./i18n";

function start(host: string | null) {
  const lang = detectLanguage();
  setLanguage(lang);
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<App inExcel={host === "Excel"} initialLang={lang} />);
}

// office.js did not load (a CDN build opened without internet, or a plain browser without it): the
// pane runs standalone, and the functions' registration (CustomFunctions.associate calls, appended to
// functions.js at build time) has nothing to register with; without this it would throw.
if (typeof Office === "undefined" && typeof CustomFunctions === "undefined") (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { associate: () => undefined };

if (typeof Office !== "undefined" && typeof Office.onReady === "function") Office.onReady((info) => start(info.host ? String(info.host) : null));
else start(null);
