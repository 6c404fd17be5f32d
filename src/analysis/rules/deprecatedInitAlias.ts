import type { Finding } from '../finding';
import type { ModelAnalysis } from '../initEditor';
import { finding, fix } from './siteFacts';

/** INIT005: a deprecated torch.nn.init alias without the trailing underscore. */
export function deprecatedInitAlias(a: ModelAnalysis): Finding[] {
  return a.sites.filter((s) => s.deprecatedName).map((site) => finding('INIT005', site.node,
    `torch.nn.init.${site.deprecatedName} is deprecated (it warns "nn.init.${site.deprecatedName} is now deprecated in favor of ` +
    `nn.init.${site.scheme.name}"). Use ${site.scheme.name}, the in-place form.`,
    fix(`Use ${site.scheme.name}`, a.editor.undeprecate(site))));
}
