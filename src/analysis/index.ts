/** The analysis: source text → layers, init sites, findings with fixes. Pure TypeScript, no vscode. */
export * from './analyzePython';
export * from './analyzeTfjs';
export * from './initEditor';
export * from './runRules';
export * from './applyFixes';
export * from './documents';
export * from './finding';
export * from './incremental';
export * from './lineIndex';
export * from './model';
export * from './notebook';
export * from './parser';
export * from './pythonAnalysis';
export * from './ruleSelection';
export * from './rules/catalog';
export * from './suppression';
export * from './tfjsAnalysis';
