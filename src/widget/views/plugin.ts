import { html, type TemplateResult } from 'lit';
import type { Problem } from '../i18n/index.js';
import { installLinks } from '../install-links.js';
import type { ViewContext } from './context.js';
import { busy, button, panel } from './frame.js';

/** Checking the plug-in, or what is missing with the official downloads and "check again". */
export function pluginView(ctx: ViewContext, problem: Problem | undefined): TemplateResult {
  const { m } = ctx;
  if (!problem) return busy(m.pluginChecking);
  const links = installLinks(globalThis.navigator?.userAgent ?? '');
  return panel(
    m.pluginFailedTitle,
    html`<p part="error" role="alert">${problem.message}</p>
      <p>${m.pluginInstallIntro}</p>
      <ul>
        <li><a part="link" href=${links.plugin} target="_blank" rel="noopener">${m.pluginLinkPlugin}</a></li>
        <li><a part="link" href=${links.extension} target="_blank" rel="noopener">${m.pluginLinkExtension(links.browser)}</a></li>
        <li><a part="link" href=${links.csp} target="_blank" rel="noopener">${m.pluginLinkCsp}</a></li>
      </ul>
      <p class="note">${m.pluginAfterInstall}</p>
      ${button(m.checkAgain, () => ctx.journey.checkPlugin(), true)}`,
  );
}
