import type { Fix, TextEdit } from '../finding';
import type { InitSite } from '../model';
import type { PythonAnalysis } from '../pythonAnalysis';
import { renameCallee, replaceNode, spell } from '../pythonEdits';

/**
 * Rewrites a torch.nn.init call (or an in-place `.normal_()` call) as `<init>.name(tensor, args)`,
 * keeping the file's spelling of torch.nn.init and the keyword arguments listed in `keep`.
 */
export function rewriteTorchCall(a: PythonAnalysis, site: InitSite, name: string, args: string[], keep: string[] = []): TextEdit[] | undefined {
  if (!site.tensorNode) return undefined;
  const callee = site.expression.childForFieldName('function');
  if (!callee) return undefined;
  const spelled = site.style === 'function' ? renameCallee(a, callee, `torch.nn.init.${name}`) : spell(a, `torch.nn.init.${name}`);
  // `.data` is for in-place tensor methods; nn.init functions take the parameter itself
  const tensor = site.style === 'method' ? site.tensorNode.text.replace(/\.data$/, '') : site.tensorNode.text;
  const kept = keep.flatMap((k) => (site.args[k] ? [`${k}=${site.args[k].node.text}`] : []));
  const text = `${spelled.text}(${[tensor, ...args, ...kept].join(', ')})`;
  return [replaceNode(site.expression, text), ...spelled.edits];
}

export function fix(title: string, edits: TextEdit[] | undefined): Fix[] {
  return edits ? [{ title, edits }] : [];
}
