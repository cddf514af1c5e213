import type { CertificateInfo } from '../cms/types.js';
import { pluginCatalogue, type Lang } from './sentences.js';
import type { CertificateSource, SigningCertificate, UnusableReason } from './types.js';

/**
 * Builds the listing entry from a locally parsed certificate: validity and algorithm judged here, the private key
 * as the plug-in reported it (undefined when it was not asked).
 */
export function toSigningCertificate(
  info: CertificateInfo,
  source: CertificateSource,
  hasPrivateKey: boolean | undefined,
  now: Date,
): SigningCertificate {
  const reasons = problemsOf(info, now);
  if (hasPrivateKey === false) reasons.push('no-private-key');
  const { subject, issuer } = info;
  const personName = [subject.SN, subject.G].filter(Boolean).join(' ');
  return {
    thumbprint: info.thumbprint,
    info,
    usable: reasons.length === 0 && hasPrivateKey === true,
    reasons,
    source,
    hasPrivateKey,
    owner: personName || subject.CN || '',
    lastName: subject.SN,
    givenName: subject.G,
    title: subject.T,
    company: subject.O,
    inn: organisationInn(info),
    personalInn: subject.INN?.length === 12 && !subject.INN.startsWith('00') ? subject.INN : undefined,
    ogrn: subject.OGRN ?? subject.OGRNIP,
    snils: subject.SNILS,
    email: subject.E,
    issuer: issuer.CN ?? issuer.O ?? issuer.text,
    validFrom: info.notBefore,
    validTo: info.notAfter,
    keyAlgorithm: info.keyAlgorithm,
  };
}

/** Problems visible from the certificate alone (no plug-in call needed). */
export function problemsOf(info: CertificateInfo, now: Date): UnusableReason[] {
  const reasons: UnusableReason[] = [];
  if (now.getTime() < info.notBefore.getTime()) reasons.push('not-yet-valid');
  if (now.getTime() > info.notAfter.getTime()) reasons.push('expired');
  // GOST R 34.10-2001 may not make qualified signatures since 1 January 2019.
  if (info.keyAlgorithm === 'gost2001') reasons.push('obsolete-gost');
  if (info.keyAlgorithm === 'other') reasons.push('not-gost');
  return reasons;
}

/**
 * The INN the application is checked against. Since 2021 a legal entity's INN is in INNLE; older CAs wrote it into
 * INN, either as 10 digits or padded to 12 with "00". An entrepreneur (OGRNIP) signs with the personal INN.
 */
function organisationInn({ subject }: CertificateInfo): string | undefined {
  if (subject.INNLE) return subject.INNLE;
  const inn = subject.INN;
  if (!inn) return undefined;
  if (inn.length === 10) return inn;
  if (inn.length === 12 && inn.startsWith('00')) return inn.slice(2);
  return subject.OGRNIP ? inn : undefined;
}

/** The installed languages' certificate sentences, read when used (the widget's certificate list). */
export const installedUnusableReasons: Partial<Record<Lang, Record<UnusableReason, string>>> = {
  get ru() {
    return pluginCatalogue('ru')?.unusable;
  },
  get en() {
    return pluginCatalogue('en')?.unusable;
  },
};
