/**
 * The task pane's entry, and the one place Office.onReady is awaited. Inside Excel the pane talks to
 * the workbook; outside Excel (a plain browser: Office.onReady resolves with host null, or office.js
 * is absent) it runs standalone on files the user opens. The language is Office's display language,
 * else the browser's; the custom functions (same runtime) use it for their messages too.
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

if (typeof Office !== "undefined" && typeof Office.onReady === "function") Office.onReady((info) => start(info.host ? String(info.host) : null));
else start(null);
