import type { Finding, TextEdit } from '../finding';
import type { InitSite } from '../model';
import type { PythonAnalysis } from '../pythonAnalysis';
import { replaceNode, topLevelStatements } from '../pythonEdits';
import { finding } from './siteFacts';
import { fix } from './torchCall';

/** INIT005: a deprecated torch.nn.init alias without the trailing underscore. */
export function deprecatedInitAlias(a: PythonAnalysis): Finding[] {
  return a.sites.filter((s) => s.deprecatedName).map((site) => finding('INIT005', site.node,
    `torch.nn.init.${site.deprecatedName} is deprecated (it warns "nn.init.${site.deprecatedName} is now deprecated in favor of ` +
    `nn.init.${site.scheme.name}"). Use ${site.scheme.name}, the in-place form.`,
    fix(`Use ${site.scheme.name}`, rename(a, site))));
}

function rename(a: PythonAnalysis, site: InitSite): TextEdit[] | undefined {
  const callee = site.expression.childForFieldName('function');
  if (callee?.type === 'attribute') {
    const name = callee.childForFieldName('attribute');
    return name ? [replaceNode(name, site.scheme.name)] : undefined;
  }
  if (callee?.type !== 'identifier') return undefined;
  // Imported by name: fix the import, so every call through that name is fixed at once
  for (const stmt of topLevelStatements(a)) {
    if (stmt.type !== 'import_from_statement') continue;
    for (const child of stmt.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'dotted_name' && child.text === callee.text) return [replaceNode(child, `${site.scheme.name} as ${callee.text}`)];
      if (child.type === 'aliased_import' && child.childForFieldName('alias')?.text === callee.text) {
        const name = child.childForFieldName('name');
        return name ? [replaceNode(name, site.scheme.name)] : undefined;
      }
    }
  }
  return undefined;
}
