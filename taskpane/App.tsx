/**
 * The task pane: four screens over one loaded batch. Inside Excel the workbook is the open one;
 * outside it (standalone) the user opens an .xlsx or .csv file and downloads the results.
 */
import { useCallback, useMemo, useRef, useState } from "react";
import { Badge, Button, FluentProvider, makeStyles, Tab, TabList, Text, tokens, webLightTheme, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { Lang } from "../src/text";
import { LangContext } from "./i18n";
import { loadSettings, saveSettings, type Settings } from "./settings";
import type { Workbook } from "./workbook/types";
import { ExcelWorkbook } from "./workbook/excel";
import { FileWorkbook, openFile } from "./workbook/file";
import type { Batch } from "./batch";
import { AuditScreen } from "./screens/AuditScreen";
import { ModelScreen } from "./screens/ModelScreen";
import { ExplainScreen } from "./screens/ExplainScreen";
import { CatalogScreen } from "./screens/CatalogScreen";
import { downloadBytes } from "./download";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", padding: "10px 12px", minWidth: "300px", maxWidth: "1100px", boxSizing: "border-box" },
  header: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, marginRight: "auto" },
  fileBar: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  tabs: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
});

type TabId = "audit" | "model" | "explain" | "catalogs";

export function App(props: { inExcel: boolean; initialLang: Lang; workbook?: Workbook }) {
  const s = useStyles();
  const [settings, setSettings] = useState<Settings>(() => loadSettings());
  const lang: Lang = settings.lang ?? props.initialLang;
  const zh = lang === "zh";
  const [tab, setTab] = useState<TabId>("audit");
  const [wb, setWb] = useState<Workbook | null>(() => props.workbook ?? (props.inExcel ? new ExcelWorkbook(() => (loadSettings().lang ?? props.initialLang) === "zh") : null));
  const [batch, setBatch] = useState<Batch | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [outputs, setOutputs] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

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
      const book = await openFile(f.name, await f.arrayBuffer());
      setWb(book);
      setBatch(null);
      setOutputs(0);
    } catch (e) {
      setFileError(`${f.name}: ${(e as Error).message}`);
    }
  };

  const fileWb = wb instanceof FileWorkbook ? wb : null;
  const onWritten = useCallback(() => setOutputs((n) => n + 1), []);
  const download = async () => {
    if (!fileWb) return;
    const bytes = await fileWb.download();
    downloadBytes(bytes, `${fileWb.fileName.replace(/\.(xlsx|csv)$/i, "")}${zh ? "-核查结果" : "-results"}.xlsx`);
  };

  const screen = useMemo(() => {
    switch (tab) {
      case "audit":
        return <AuditScreen wb={wb} batch={batch} setBatch={setBatch} mask={settings.mask} setMask={(mask) => update({ mask })} onWritten={onWritten} />;
      case "model":
        return <ModelScreen wb={wb} batch={batch} setBatch={setBatch} onWritten={onWritten} />;
      case "explain":
        return <ExplainScreen wb={wb} batch={batch} />;
      case "catalogs":
        return <CatalogScreen wb={wb} />;
    }
  }, [tab, wb, batch, settings.mask, update, onWritten]);

  return (
    <FluentProvider theme={webLightTheme}>
      <LangContext.Provider value={lang}>
        <main className={s.root} lang={zh ? "zh-CN" : "en"}>
          <div className={s.header}>
            <Text as="h1" className={s.title}>
              {zh ? "医保核算" : "医保核算 Claims Calculator"}
            </Text>
            <Badge appearance="tint" color={props.inExcel ? "brand" : "informative"}>
              {props.inExcel ? "Excel" : zh ? "独立模式" : "Standalone"}
            </Badge>
            <Button size="small" appearance="subtle" onClick={() => update({ lang: zh ? "en" : "zh" })} aria-label={zh ? "Switch to English" : "切换到中文"}>
              {zh ? "English" : "中文"}
            </Button>
          </div>
          {!props.inExcel && (
            <div className={s.fileBar}>
              <input ref={fileInput} type="file" accept=".xlsx,.csv" hidden data-testid="file-input" onChange={(e) => void onFile(e.target.files?.[0])} />
              <Button appearance="primary" onClick={() => fileInput.current?.click()}>
                {zh ? "打开理赔文件（.xlsx / .csv）" : "Open a claims file (.xlsx / .csv)"}
              </Button>
              {fileWb && <Text>{fileWb.fileName}</Text>}
              {fileWb && outputs > 0 && (
                <Button onClick={() => void download()} data-testid="download">
                  {zh ? `下载结果（${fileWb.outputs.length} 个工作表）` : `Download results (${fileWb.outputs.length} sheets)`}
                </Button>
              )}
            </div>
          )}
          {!props.inExcel && !wb && (
            <Text size={200}>
              {zh ? "在 Excel 之外运行：打开一个理赔文件后即可核查和测算，文件只在本页面中读取，不会上传。" : "Running outside Excel: open a claims file to audit and model it. The file is read in this page only; nothing is uploaded."}
            </Text>
          )}
          {fileError && (
            <MessageBar intent="error">
              <MessageBarBody>{fileError}</MessageBarBody>
            </MessageBar>
          )}
          <TabList className={s.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="small">
            <Tab value="audit">{zh ? "核查" : "Audit"}</Tab>
            <Tab value="model">{zh ? "测算" : "Model"}</Tab>
            <Tab value="explain">{zh ? "说明" : "Explain"}</Tab>
            <Tab value="catalogs">{zh ? "目录" : "Catalogs"}</Tab>
          </TabList>
          {screen}
        </main>
      </LangContext.Provider>
    </FluentProvider>
  );
}
