/**
 * The build step after custom-functions-metadata-plugin has written functions.json from the JSDoc:
 *
 * 1. functions.json gets the top-level flags the JSDoc cannot express. allowErrorForDataTypeAny
 *    ("All parameters with the type any or any[][] can accept errors as input values when
 *    allowErrorForDataTypeAny is set to true", docs: custom-functions-json.md) lets a #N/A in one row
 *    of a claims or findings range reach the function, which answers that row with it, instead of
 *    Excel failing the whole call. allowCustomDataForDataTypeAny (data-type cells as JSON) is
 *    emitted by the plugin already and checked here. The functions read both through
 *    src/claim/excelCells.ts.
 * 2. functions-zh-cn.json is built from it and functions/zh-cn.json: the same ids, Chinese names,
 *    descriptions and parameter names (docs, custom-functions-naming.md: "Excel only localizes the
 *    name and description properties. The id is not localized"; nothing else is added, so no
 *    undocumented property such as result.description reaches Excel). Every id and parameter must
 *    have a translation; a missing one fails the build. A Chinese name must be Chinese characters
 *    only (Excel's built-in function names are Latin in every language version, so it cannot collide
 *    with one) and at least three of them (the naming guide: "Both must start with a letter and be
 *    at least three characters").
 */
"use strict";

/** The flags functions.json must carry at the top level. */
const FLAGS = { allowCustomDataForDataTypeAny: true, allowErrorForDataTypeAny: true };

/** A Chinese function name: Chinese characters only, at least three (custom-functions-naming.md). */
const CHINESE_NAME = /^[\u4e00-\u9fff]{3,}$/;

function withFlags(metadata) {
  return { ...FLAGS, ...metadata, ...FLAGS };
}

function translate(metadata, table) {
  const errors = [];
  const out = { ...metadata, functions: [] };
  const seen = new Set();
  for (const fn of metadata.functions) {
    const t = table[fn.id];
    if (!t) {
      errors.push(`functions/zh-cn.json: no translation for ${fn.id}`);
      continue;
    }
    if (!CHINESE_NAME.test(t.name)) errors.push(`functions/zh-cn.json: ${fn.id}: the Chinese name "${t.name}" must be at least three Chinese characters, and Chinese characters only`);
    if (seen.has(t.name)) errors.push(`functions/zh-cn.json: ${fn.id}: the Chinese name "${t.name}" is used twice`);
    seen.add(t.name);
    if (!t.description) errors.push(`functions/zh-cn.json: ${fn.id}: no description`);
    for (const k of Object.keys(t)) if (!["name", "description", "parameters"].includes(k)) errors.push(`functions/zh-cn.json: ${fn.id}: "${k}" is not localized by Excel (only name, description and the parameters' name and description are)`);
    const params = (fn.parameters || []).map((p) => {
      const tp = t.parameters && t.parameters[p.name];
      if (!tp || !tp.name || !tp.description) {
        errors.push(`functions/zh-cn.json: ${fn.id}: no translation for parameter ${p.name}`);
        return p;
      }
      return { ...p, name: tp.name, description: tp.description };
    });
    for (const k of Object.keys(t.parameters || {})) if (!(fn.parameters || []).some((p) => p.name === k)) errors.push(`functions/zh-cn.json: ${fn.id}: translation for unknown parameter ${k}`);
    out.functions.push({ ...fn, name: t.name, description: t.description, parameters: params });
  }
  for (const id of Object.keys(table)) if (!metadata.functions.some((f) => f.id === id)) errors.push(`functions/zh-cn.json: translation for unknown function ${id}`);
  return { json: out, errors };
}

/** A webpack plugin: after functions.json is emitted, add the flags and emit functions-zh-cn.json (or fail the build). */
class FunctionsMetadataPlugin {
  constructor(tablePath) {
    this.tablePath = tablePath;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("FunctionsMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "FunctionsMetadataPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) {
          compilation.errors.push(new Error("functions.json was not generated"));
          return;
        }
        delete require.cache[require.resolve(this.tablePath)];
        const table = require(this.tablePath);
        compilation.fileDependencies.add(this.tablePath);
        const metadata = withFlags(JSON.parse(asset.source.source().toString()));
        compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify(metadata, null, 2)));
        const { json, errors } = translate(metadata, table);
        for (const e of errors) compilation.errors.push(new Error(e));
        compilation.emitAsset("functions-zh-cn.json", new sources.RawSource(JSON.stringify(json, null, 2)));
      });
    });
  }
}

module.exports = { translate, withFlags, FLAGS, FunctionsMetadataPlugin };
