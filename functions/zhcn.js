/**
 * Builds functions-zh-cn.json from the generated functions.json and functions/zh-cn.json: the same
 * ids, Chinese names, descriptions and parameter names. Every id and parameter must have a
 * translation; a missing one is an error (the build fails), and so is a Chinese name that could be
 * read as an Excel built-in (names must be Chinese characters only: Excel's built-in function names
 * are never written in Chinese characters, in any language version).
 */
"use strict";

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
    if (!/^[\u4e00-\u9fff]{2,}$/.test(t.name)) errors.push(`functions/zh-cn.json: ${fn.id}: the Chinese name "${t.name}" must be Chinese characters only`);
    if (seen.has(t.name)) errors.push(`functions/zh-cn.json: ${fn.id}: the Chinese name "${t.name}" is used twice`);
    seen.add(t.name);
    if (!t.description) errors.push(`functions/zh-cn.json: ${fn.id}: no description`);
    const params = (fn.parameters || []).map((p) => {
      const tp = t.parameters && t.parameters[p.name];
      if (!tp || !tp.name || !tp.description) {
        errors.push(`functions/zh-cn.json: ${fn.id}: no translation for parameter ${p.name}`);
        return p;
      }
      return { ...p, name: tp.name, description: tp.description };
    });
    for (const k of Object.keys(t.parameters || {})) if (!(fn.parameters || []).some((p) => p.name === k)) errors.push(`functions/zh-cn.json: ${fn.id}: translation for unknown parameter ${k}`);
    out.functions.push({ ...fn, name: t.name, description: t.description, result: { ...(fn.result || {}), ...(t.result ? { description: t.result } : {}) }, parameters: params });
  }
  for (const id of Object.keys(table)) if (!metadata.functions.some((f) => f.id === id)) errors.push(`functions/zh-cn.json: translation for unknown function ${id}`);
  return { json: out, errors };
}

/** A webpack plugin: after functions.json is emitted, emit functions-zh-cn.json (or fail the build). */
class ZhCnMetadataPlugin {
  constructor(tablePath) {
    this.tablePath = tablePath;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("ZhCnMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "ZhCnMetadataPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) {
          compilation.errors.push(new Error("functions.json was not generated"));
          return;
        }
        delete require.cache[require.resolve(this.tablePath)];
        const table = require(this.tablePath);
        compilation.fileDependencies.add(this.tablePath);
        const { json, errors } = translate(JSON.parse(asset.source.source().toString()), table);
        for (const e of errors) compilation.errors.push(new Error(e));
        compilation.emitAsset("functions-zh-cn.json", new sources.RawSource(JSON.stringify(json, null, 2)));
      });
    });
  }
}

module.exports = { translate, ZhCnMetadataPlugin };
