import { html, nothing, type TemplateResult } from 'lit';
import type { Problem } from '../i18n/index.js';
import { installLinks } from '../install-links.js';
import type { ViewContext } from './context.js';
import { busy, button, errorView, link, panel } from './frame.js';

type Check = 'os' | 'browser' | 'csp' | 'plugin' | 'certificate' | 'roots';

/**
 * Checking the plug-in, or what is missing as a checklist (the order of the tax service's own: system, browser,
 * CryptoPro CSP, plug-in and extension, certificate, root certificates), each item with its fix — CryptoPro CSP first,
 * as the plug-in needs it. On a phone or tablet: signing needs a computer, and no store links.
 */
export function pluginView(ctx: ViewContext, problem: Problem | undefined): TemplateResult {
  const { m, journey } = ctx;
  if (!problem) return busy(m.pluginChecking);
  // The plug-in side's own chunk did not arrive: not a plug-in problem, no checklist; "try again" fetches it again.
  if (problem.code === 'CHUNK_UNAVAILABLE') return errorView(ctx, problem, () => journey.checkPlugin());
  const links = installLinks(globalThis.navigator?.userAgent ?? '');
  // The adapter's sentence names the download page in brackets; here the checklist links it, so the raw address
  // (which overflowed a phone's card) is left out.
  const message = problem.message.replace(/\s*\(https?:\/\/[^)\s]+\)/g, '');
  const checkedAt = journey.pluginChecks > 1 && journey.pluginCheckedAt ? journey.pluginCheckedAt.toLocaleTimeString('ru-RU') : undefined;
  if (links.mobile) {
    return panel(m.pluginFailedTitle, html`<p part="error" role="alert">${m.pluginMobile}</p>`);
  }
  const item = (check: Check, state: 'ok' | 'fail' | 'unknown' | 'later', detail: unknown, fix: unknown = nothing) =>
    html`<li data-check=${check} data-state=${state}>
      <strong>${m.checks[check]}</strong>${detail ? html` — ${detail}` : nothing}: <span class=${state === 'fail' ? 'invalid' : state === 'ok' ? 'ok' : 'note'}>${m.checkState[state]}</span>
      ${state === 'ok' ? nothing : html`<div class="fix">${m.checkFix[check]} ${fix}</div>`}
    </li>`;
  return panel(
    m.pluginFailedTitle,
    html`<p part="error" role="alert">${message}</p>
      ${checkedAt ? html`<p class="note" data-checked>${m.pluginCheckedAt(checkedAt)}</p>` : nothing}
      <h3>${m.pluginChecklist}</h3>
      <ol class="checklist">
        ${item('os', links.os ? 'ok' : 'later', links.os)} ${item('browser', 'ok', links.browser)}
        ${item('csp', 'unknown', '', link(links.csp, m.pluginLinkCsp))}
        ${item(
          'plugin',
          'fail',
          '',
          html`<ul>
            <li>${link(links.plugin, m.pluginLinkPlugin)}</li>
            <li>${link(links.extension, m.pluginLinkExtension(links.browser))}</li>
          </ul>`,
        )}
        ${item('certificate', 'later', '')} ${item('roots', 'later', '')}
      </ol>
      <p class="note">${m.pluginAfterInstall}</p>
      ${button(m.checkAgain, () => journey.checkPlugin(), true)}`,
  );
}
