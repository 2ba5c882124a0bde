/**
 * The task pane's entry, and the one place Office.onReady is awaited. Inside Excel the pane talks to
 * the workbook; outside Excel (a plain browser: Office.onReady resolves with host null, or office.js
 * is absent or could not load) it runs standalone on files the user opens.
 *
 * The custom functions (same runtime) answer in Excel's display language unless a formula says
 * otherwise (the lang argument of SETTLEMENT, EXPLAIN, POLICY_PARAMS): it is set here, once. The
 * pane's own language switch does not change it, because Excel would not recalculate the cells.
 *
 * The workbook's date system (1900 or 1904: a date cell's number is a serial of it) is read here too,
 * inside Excel only, and handed to the functions with how to read it again: a user can switch it with
 * the workbook open, so the functions ask before each calculation pass (functions/excel.ts
 * passDateSystem) and the pane with each read of a sheet (taskpane/workbook/excel.ts).
 */
import { createRoot } from "react-dom/client";
import { setDateSystem, setLanguage } from "../functions/excel";
import { detectDateSystem } from "../functions/dateSystem";
import { App } from "./App";
import { detectLanguage } from "./i18n";

function start(host: string | null) {
  const lang = detectLanguage();
  setLanguage(lang);
  // outside Excel no function is called (nor any serial read but a file's, which its reader converts)
  if (host === "Excel") void detectDateSystem().then((system) => setDateSystem(system, detectDateSystem));
  else setDateSystem("1900");
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<App inExcel={host === "Excel"} initialLang={lang} />);
}

// office.js did not load (a CDN build opened without internet, or a plain browser without it): the
// pane runs standalone, and the functions' registration (CustomFunctions.associate calls, appended to
// functions.js at build time) has nothing to register with; without this it would throw.
if (typeof Office === "undefined" && typeof CustomFunctions === "undefined") (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { associate: () => undefined };

if (typeof Office !== "undefined" && typeof Office.onReady === "function") Office.onReady((info) => start(info.host ? String(info.host) : null));
else start(null);
