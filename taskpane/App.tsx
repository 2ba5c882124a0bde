/**
 * The task pane: four screens over one loaded batch. Inside Excel the workbook is the open one;
 * outside it (standalone) the user opens an .xlsx or .csv file and downloads the results.
 * The state a user builds up lives here, not in the screens: the batch, the audit's runs (a run goes
 * on while another screen is shown), the model's edits, the claim Explain shows, so switching
 * screens never loses work.
 */
import { useCallback, useDeferredValue, useEffect, useRef, useState } from "react";
import { Button, FluentProvider, makeStyles, Tab, TabList, Text, tokens, webLightTheme } from "@fluentui/react-components";
import type { Lang, Text as Words } from "../src/text";
import { msg, say } from "../src/messages";
import { LangContext } from "./i18n";
import { loadSettings, saveSettings, type Settings } from "./settings";
import type { StandaloneBook, Workbook } from "./workbook/types";
import { ExcelWorkbook } from "./workbook/excel";
import { openFile } from "./workbook/file";
import { openInWorker } from "./workbook/workerFile";
import { paneWorker } from "./worker/client";
import type { Batch } from "./batch";
import { AuditScreen } from "./screens/AuditScreen";
import { initialModelState, ModelScreen, type ModelState } from "./screens/ModelScreen";
import { ExplainScreen, type ExplainTarget } from "./screens/ExplainScreen";
import { CatalogScreen, initialCatalogState, type CatalogState } from "./screens/CatalogScreen";
import { downloadBlob, downloadName } from "./download";
import { Banner, errorText } from "./components/Banner";
import type { LoadedParams } from "./components/ParamSource";
import { useAuditJob, type AuditRecord } from "./jobs/useAudit";
import { engineWith } from "./engines";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", padding: "10px 12px", minWidth: "296px", maxWidth: "1100px", boxSizing: "border-box", overflowWrap: "anywhere" },
  header: { display: "flex", alignItems: "center", gap: "4px 8px", flexWrap: "wrap" },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, marginRight: "auto" },
  mode: { color: tokens.colorNeutralForeground3 },
  fileBar: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap", minWidth: 0 },
  fileName: { overflowWrap: "anywhere", minWidth: 0 },
  tabs: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, flexWrap: "wrap" },
  hidden: { display: "none" },
});

type TabId = "audit" | "model" | "explain" | "catalogs";

export function App(props: { inExcel: boolean; initialLang: Lang; workbook?: Workbook }) {
  const s = useStyles();
  const [settings, setSettings] = useState<Settings>(() => loadSettings());
  const lang: Lang = settings.lang ?? props.initialLang;
  const w = (k: Parameters<typeof say>[1], p?: Parameters<typeof say>[2]) => say(lang, k, p);
  const [tab, setTab] = useState<TabId>("audit");
  // the tab shows as chosen at once; the screen under it renders in a transition, in slices the page can
  // interrupt (as one click's task, the Explain screen's first render and the tab indicator's layout took
  // over 100 ms of the page's thread while an audit of 100 000 rows was streaming in)
  const screenTab = useDeferredValue(tab);
  const [wb, setWb] = useState<Workbook | null>(() => props.workbook ?? (props.inExcel ? new ExcelWorkbook(() => (loadSettings().lang ?? props.initialLang) === "zh") : null));
  const [batch, setBatch] = useState<Batch | null>(null);
  const [fileError, setFileError] = useState<{ file: string; text: Words } | null>(null);
  const [auditParams, setAuditParams] = useState<LoadedParams | null>(null);
  const [model, setModel] = useState<ModelState>(initialModelState);
  const [catalogs, setCatalogs] = useState<CatalogState>(initialCatalogState);
  const [target, setTarget] = useState<ExplainTarget | null>(null);
  const [sheetsMade, setSheetsMade] = useState(0);
  const audit = useAuditJob();
  const fileInput = useRef<HTMLInputElement>(null);
  // the worker starts with the pane; a host that cannot start it gets the work on the page, and is told
  const [noWorker, setNoWorker] = useState(false);
  useEffect(() => {
    if (!props.workbook) void paneWorker().then((w) => setNoWorker(!w));
  }, [props.workbook]);
  const [saving, setSaving] = useState<{ done: number; total: number } | null>(null);
  const [saveNote, setSaveNote] = useState<{ intent: "warning" | "error"; title: Words; lines: Words[] } | null>(null);
  const saveAbort = useRef<AbortController | null>(null);

  const update = useCallback((patch: Partial<Settings>) => {
    setSettings((old) => {
      const next = { ...old, ...patch };
      saveSettings(next);
      return next;
    });
  }, []);

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    setFileError(null);
    try {
      const bytes = await f.arrayBuffer();
      const worker = await paneWorker();
      const book = worker ? await openInWorker(worker, f.name, bytes, () => lang) : await openFile(f.name, bytes, { lang: () => lang });
      setWb(book);
      setBatch(null);
      setSheetsMade(0);
      setTarget(null);
      setSaveNote(null);
    } catch (e) {
      setFileError({ file: f.name, text: errorText(e, msg("pane.file.unreadable")) });
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  const fileWb = wb?.mode === "file" ? (wb as StandaloneBook) : null;
  const engine = engineWith(auditParams?.label ?? "", auditParams?.overrides ?? []);
  const runAudit = () => {
    if (!wb || !batch) return;
    void audit.start(wb, batch, engine, { lang, mask: settings.mask, reread: setBatch, params: { label: auditParams?.label ?? "", overrides: auditParams?.overrides ?? [] } }).then(() => setSheetsMade(fileWb ? fileWb.outputCount() : 0));
  };
  // the .xlsx is written a piece at a time (in the worker when it runs), with progress; cancelled, no file is handed over
  const download = async (run: AuditRecord, all: boolean) => {
    if (!fileWb || saveAbort.current) return;
    const ctl = (saveAbort.current = new AbortController());
    setSaveNote(null);
    setSaving({ done: 0, total: 0 });
    try {
      const blob = await fileWb.download(all ? undefined : run.sheets, { signal: ctl.signal, onProgress: (done, total) => setSaving({ done, total }) });
      if (!blob || ctl.signal.aborted) setSaveNote({ intent: "warning", title: msg("worker.download.cancelled"), lines: [] });
      else downloadBlob(blob, downloadName(fileWb.fileName, w(all ? "pane.download.allSuffix" : "pane.download.suffix")));
    } catch (e) {
      setSaveNote({ intent: "error", title: msg("worker.download.failed"), lines: [errorText(e)] });
    } finally {
      saveAbort.current = null;
      setSaving(null);
    }
  };
  const explain = (run: AuditRecord, row: AuditRecord["report"]["rows"][number]) => {
    setTarget({ data: run.data, mapping: run.mapping, row, engine: run.engine, key: Date.now() });
    setTab("explain");
  };
  const audited = [...audit.runs].reverse().find((r) => r.data === batch?.data) ?? null;

  return (
    <FluentProvider theme={webLightTheme}>
      <LangContext.Provider value={lang}>
        <main className={s.root} lang={lang === "zh" ? "zh-CN" : "en"}>
          <div className={s.header}>
            <Text as="h1" className={s.title}>
              {w("pane.app.title")}
            </Text>
            <Text size={200} className={s.mode}>
              {props.inExcel ? w("pane.app.inExcel") : w("pane.app.standalone")}
            </Text>
            <Button size="small" appearance="subtle" onClick={() => update({ lang: lang === "zh" ? "en" : "zh" })} aria-label={lang === "zh" ? say("en", "pane.app.switchLabel") : say("zh", "pane.app.switchLabel")}>
              {lang === "zh" ? say("en", "pane.app.switchTo") : say("zh", "pane.app.switchTo")}
            </Button>
          </div>
          {!props.inExcel && (
            <div className={s.fileBar}>
              <input ref={fileInput} type="file" accept=".xlsx,.csv,.tsv,.txt" hidden data-testid="file-input" onChange={(e) => void onFile(e.target.files?.[0])} />
              <Button appearance={wb ? "secondary" : "primary"} onClick={() => fileInput.current?.click()}>
                {w(wb ? "pane.file.openAnother" : "pane.file.open")}
              </Button>
              {fileWb && (
                <Text className={s.fileName} data-testid="file-name">
                  {fileWb.fileName}
                </Text>
              )}
            </div>
          )}
          {!props.inExcel && !wb && !fileError && <Text size={200}>{w("pane.file.intro")}</Text>}
          {noWorker && (
            <Text size={200} className={s.mode} data-testid="worker-fallback">
              {w("worker.fallback")}
            </Text>
          )}
          {fileError && <Banner intent="error" title={w("pane.file.cannotOpen", { file: fileError.file })} lines={[fileError.text[lang], w("pane.file.cannotOpenWhat")]} testId="file-error" />}
          <TabList className={s.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="small">
            <Tab value="audit">{w("pane.tab.audit")}</Tab>
            <Tab value="model">{w("pane.tab.model")}</Tab>
            <Tab value="explain">{w("pane.tab.explain")}</Tab>
            <Tab value="catalogs">{w("pane.tab.catalogs")}</Tab>
          </TabList>
          {screenTab === "audit" && (
            <AuditScreen
              wb={wb}
              batch={batch}
              setBatch={setBatch}
              mask={settings.mask}
              setMask={(mask) => update({ mask })}
              params={auditParams}
              setParams={setAuditParams}
              audit={audit}
              onRun={runAudit}
              onExplain={explain}
              onDownload={fileWb ? (run, all) => void download(run, all) : undefined}
              saving={saving}
              onCancelDownload={() => saveAbort.current?.abort()}
              saveNote={saveNote ? { intent: saveNote.intent, title: saveNote.title[lang], lines: saveNote.lines.map((l) => l[lang]) } : null}
              sheetsMade={sheetsMade}
            />
          )}
          {screenTab === "model" && <ModelScreen wb={wb} batch={batch} setBatch={setBatch} state={model} setState={setModel} onWritten={() => setSheetsMade(fileWb ? fileWb.outputCount() : 0)} />}
          {screenTab === "explain" && <ExplainScreen wb={wb} batch={batch} target={target} engine={engine} audited={audited} />}
          {screenTab === "catalogs" && <CatalogScreen wb={wb} state={catalogs} setState={setCatalogs} />}
        </main>
      </LangContext.Provider>
    </FluentProvider>
  );
}
