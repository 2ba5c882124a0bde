/**
 * Builds the add-in: one taskpane.html page (the shared runtime) holding the task pane and the
 * custom functions, functions.json generated from the JSDoc of functions/functions.ts (a metadata
 * error fails the build) with the flags the JSDoc cannot express, functions-zh-cn.json from it and
 * functions/zh-cn.json (a missing translation fails the build), the manifest and the icons.
 *
 *   npm run build                  → build/, office.js from Microsoft's CDN (what the store requires,
 *                                    and the supported source: the npm package's README says it is
 *                                    "no longer officially supported")
 *   npm run build:selfhost         → build/ with office.js served from the add-in's own origin,
 *                                    byte-for-byte as published in @microsoft/office-js (offline or
 *                                    air-gapped offices, standalone use without internet, the tests)
 *   ADDIN_URL=https://host/path/ … → the manifest points there instead of https://localhost:3000/
 *                                    (or --env addinurl=https://host/path/)
 *   npm start                      → https://localhost:3000 (development, office.js self-hosted)
 *
 * The switch is OFFICE_JS=cdn|self (or --env officejs=cdn|self); production defaults to cdn,
 * development to self. The page's Content-Security-Policy allows scripts from its own origin and, in a
 * CDN build, from exactly the CDN's origin; connections only to its own origin in both.
 */
const path = require("node:path");
const fs = require("node:fs");
const os = require("node:os");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { FunctionsMetadataPlugin } = require("./functions/zhcn.js");

const DEV_URL = "https://localhost:3000/";
const DEV_ORIGIN = "https://localhost:3000";
/** Microsoft's CDN reference for office.js (docs: referencing the Office JavaScript API library). */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** office.js and what it loads for Excel (and the locale strings), without the debug builds and other hosts. */
function officeJsFiles() {
  const dir = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
  const skip = /\.debug\.js$|^(access|onenote|outlook|powerpoint|project|visio|word|excelios|excelwebapp|excel-15|excel-android|excel-ios|excel-winrt)/i;
  return fs
    .readdirSync(dir)
    .filter((f) => !skip.test(f))
    .map((f) => ({
      from: path.join(dir, f),
      to: `office/${f}`,
      globOptions: { ignore: ["**/*.debug.js"] },
      // Microsoft's files as published: never re-minified (so no LICENSE.txt is extracted from them)
      info: { minimized: true },
    }));
}

/** The add-in's URL: https, with a trailing slash, no query or fragment (it is joined with file names). */
function addinUrl(raw) {
  if (!raw) return DEV_URL;
  let u;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`ADDIN_URL "${raw}" is not a URL: give the https address the built files are served from, e.g. https://claims.example.org/yibao/`);
  }
  if (u.protocol !== "https:") throw new Error(`ADDIN_URL "${raw}" must be https: Office loads add-ins only over https`);
  if (u.search || u.hash) throw new Error(`ADDIN_URL "${raw}" must not have a query or fragment`);
  return u.href.endsWith("/") ? u.href : u.href + "/";
}

/**
 * manifest.xml for a URL: every https://localhost:3000/… becomes the URL, the AppDomain its origin,
 * and the development notes (comments) go. Refuses to emit a production manifest that still names
 * localhost anywhere.
 */
function manifestFor(xml, url) {
  if (url === DEV_URL) return xml;
  const out = xml
    .replace(/<!--[\s\S]*?-->\s*/g, "")
    .split(DEV_URL)
    .join(url)
    .split(DEV_ORIGIN)
    .join(new URL(url).origin);
  if (/localhost/i.test(out)) throw new Error("manifest.xml still names localhost after rewriting it for ADDIN_URL");
  return out;
}

/** The dev certificate office-addin-dev-certs installs on Windows and macOS, when there is one. */
function devServerHttps() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const key = path.join(dir, "localhost.key");
  const cert = path.join(dir, "localhost.crt");
  if (fs.existsSync(key) && fs.existsSync(cert)) return { type: "https", options: { key: fs.readFileSync(key), cert: fs.readFileSync(cert), ca: fs.existsSync(path.join(dir, "ca.crt")) ? fs.readFileSync(path.join(dir, "ca.crt")) : undefined } };
  // webpack-dev-server's own self-signed certificate (trust it once in the browser; Excel desktop needs the dev certs)
  return "https";
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const url = addinUrl(env.addinurl || process.env.ADDIN_URL);
  const officeJs = String(env.officejs || process.env.OFFICE_JS || (dev ? "self" : "cdn")).toLowerCase();
  if (officeJs !== "cdn" && officeJs !== "self") throw new Error(`OFFICE_JS must be cdn or self, not "${officeJs}"`);
  const cdn = officeJs === "cdn";
  const scriptSrc = cdn ? `'self' ${new URL(OFFICE_JS_CDN).origin}` : "'self'";
  const csp = [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    // Fluent UI (Griffel) injects its styles at run time
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    // the pane's worker is audit-worker.js from the add-in's own origin; nothing needs a blob: worker
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./taskpane/index.tsx",
      functions: "./functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, env.outdir || "build"),
      filename: "[name].js",
      // the pane's worker (new Worker(new URL("./audit.worker.ts", import.meta.url))) is its own file, audit-worker.js
      chunkFilename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      // ExcelJS's browser build (the package maps it with the "browser" field)
      fallback: { fs: false, path: false, crypto: false, stream: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
        },
      ],
    },
    optimization: {
      // one runtime for both entries: the task pane and the functions share module instances
      runtimeChunk: "single",
      splitChunks: { chunks: "all" },
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./functions/functions.ts", output: "functions.json" }),
      new FunctionsMetadataPlugin(path.resolve(__dirname, "functions/zh-cn.json")),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./taskpane/taskpane.html", chunks: ["taskpane", "functions"], csp, officeJs: cdn ? OFFICE_JS_CDN : "office/office.js" }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => manifestFor(content.toString(), url) },
          ...(cdn ? [] : officeJsFiles()),
        ],
      }),
    ],
    devServer: {
      server: devServerHttps(),
      host: "localhost",
      port: 3000,
      hot: false,
      static: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      client: { overlay: false },
    },
  };
};

module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.manifestFor = manifestFor;
module.exports.addinUrl = addinUrl;
