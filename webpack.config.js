/**
 * Builds the add-in: one taskpane.html page (the shared runtime) holding the task pane and the
 * custom functions, functions.json generated from the JSDoc of functions/functions.ts (a metadata
 * error fails the build), functions-zh-cn.json from it and functions/zh-cn.json (a missing
 * translation fails the build), the manifest, the icons and office.js served from this add-in's own
 * origin (so the page loads nothing from elsewhere).
 *
 *   npx webpack --mode production            → build/
 *   ADDIN_URL=https://host/path/ …            → the manifest points there instead of https://localhost:3000/
 *   npx webpack serve --mode development     → https://localhost:3000 (self-signed certificate)
 */
const path = require("node:path");
const fs = require("node:fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { ZhCnMetadataPlugin } = require("./functions/zhcn.js");

const DEV_URL = "https://localhost:3000/";

/** office.js and what it loads for Excel (and the locale strings), without the debug builds and other hosts. */
function officeJsFiles() {
  const dir = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
  const skip = /\.debug\.js$|^(access|onenote|outlook|powerpoint|project|visio|word|excelios|excelwebapp|excel-15|excel-android|excel-ios|excel-winrt)/i;
  return fs
    .readdirSync(dir)
    .filter((f) => !skip.test(f))
    .map((f) => ({ from: path.join(dir, f), to: `office/${f}`, globOptions: { ignore: ["**/*.debug.js"] } }));
}

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  const url = process.env.ADDIN_URL || DEV_URL;
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) injects its styles at run time
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
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
      path: path.resolve(__dirname, "build"),
      filename: "[name].js",
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
      new ZhCnMetadataPlugin(path.resolve(__dirname, "functions/zh-cn.json")),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./taskpane/taskpane.html", chunks: ["taskpane", "functions"], csp }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => (url === DEV_URL ? content : content.toString().split(DEV_URL).join(url)) },
          ...officeJsFiles(),
        ],
      }),
    ],
    devServer: {
      server: "https",
      host: "localhost",
      port: 3000,
      hot: false,
      static: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      client: { overlay: false },
    },
  };
};
