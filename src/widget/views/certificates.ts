import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, type Messages } from '../i18n/index.js';
import { installLinks } from '../install-links.js';
import type { CertificateChoice } from '../ports.js';
import { ownerName } from '../signer-identity.js';
import type { ViewContext } from './context.js';
import { button, link, panel, russian } from './frame.js';

/** Show the filter when the list is longer than this. */
const FILTER_FROM = 5;

/** The certificates that can sign (the last one used first), a filter for long lists, and those that cannot, with why. */
export function certificatesView(ctx: ViewContext): TemplateResult {
  const { journey, m } = ctx;
  const all = journey.certificates;
  const needle = ctx.filter.trim().toLocaleLowerCase('ru');
  const matches = (c: CertificateChoice) => !needle || certificateText(c).toLocaleLowerCase('ru').includes(needle);
  const usable = all.filter((c) => c.usable && matches(c));
  const unusable = all.filter((c) => !c.usable && matches(c));
  const last = journey.rememberedThumbprint;
  return panel(
    m.certificatesTitle,
    html`<p>${m.certificatesIntro}</p>
      ${journey.pluginOutdated
        ? html`<p part="error">${m.pluginOutdated} ${link(installLinks('').plugin, m.pluginLinkPlugin)}</p>`
        : nothing}
      ${all.length > FILTER_FROM
        ? html`<label for="filter">${m.certificatesFilter}</label>
            <input id="filter" part="filter" type="search" .value=${ctx.filter} @input=${(e: Event) => ctx.setFilter((e.target as HTMLInputElement).value)} />`
        : nothing}
      ${all.every((c) => !c.usable) ? html`<p part="error">${m.certificatesNone}</p>${button(m.checkAgain, () => journey.checkPlugin(), true)}` : nothing}
      ${needle && usable.length + unusable.length === 0 ? html`<p>${m.certificatesNoMatch}</p>` : nothing}
      <ul part="certificate-list">
        ${usable.map(
          (c) =>
            html`<li>
              <button part="certificate" ?data-last=${c.thumbprint === last} data-thumbprint=${c.thumbprint} @click=${() => journey.chooseCertificate(c.thumbprint)}>
                <strong>${russian(ctx.lang, ownerName(c.info.subject))}</strong>
                ${c.thumbprint === last ? html`<span class="badge">${m.certificateLast}</span>` : nothing} ${certificateDetails(c, m)}
              </button>
            </li>`,
        )}
      </ul>
      ${unusable.length > 0
        ? html`<p>${m.certificatesUnusable}</p>
            <ul class="unusable">
              ${unusable.map(
                (c) =>
                  html`<li part="document">
                    <strong>${russian(ctx.lang, ownerName(c.info.subject))}</strong> ${certificateDetails(c, m)}
                    <br /><span class="invalid">${c.reasons.map((r) => journey.unusableReason(r, ctx.lang)).join(' ')}</span>
                  </li>`,
              )}
            </ul>`
        : nothing}`,
  );
}

function certificateDetails(c: CertificateChoice, m: Messages): TemplateResult {
  const s = c.info.subject;
  const inn = s.INNLE ?? s.INN;
  return html`<br /><small
      >${[s.T, s.O, inn ? `${m.certificateInn} ${inn}` : '', m.certificateValid(formatDate(c.info.notBefore), formatDate(c.info.notAfter)), `${m.certificateIssuer} ${c.info.issuer.CN ?? c.info.issuer.O ?? ''}`]
        .filter(Boolean)
        .join(' · ')}</small
    >`;
}

function certificateText(c: CertificateChoice): string {
  const s = c.info.subject;
  return [s.CN, s.SN, s.G, s.O, s.INN, s.INNLE, s.OGRN, s.T, c.info.issuer.CN].filter(Boolean).join(' ');
}
