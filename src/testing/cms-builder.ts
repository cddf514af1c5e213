/**
 * Builds CAdES-BES SignedData the way CryptoPro's plug-in does for a GOST R 34.10-2012 key:
 * digest Streebog of the key size, signed attributes contentType, signingTime, messageDigest and
 * signingCertificateV2 (RFC 5035, ESSCertIDv2 with hashAlgorithm Streebog-256 {1.2.643.7.1.1.2.2, NULL}
 * and issuerSerial), attached or detached, certificates end-entity only or the chain.
 */
import { concatBytes, parseDer } from '../cms/der.js';
import { gostSign, streebog256, streebog512 } from '../cms/gost.js';
import {
  explicit, implicitConstructed, integer, nullValue, octetString, oid, sequence, setOf, time, tlv,
} from './der-writer.js';
import { OID } from './oids.js';
import type { TestCertificate } from './certificates.js';

export interface BuildCadesBesOptions {
  /** The content; with `messageDigest` (a precomputed hash, SignHash) it may be empty and the CMS is detached. */
  content: Uint8Array;
  /** Sign a precomputed digest of the key's size instead of hashing `content` (always detached). */
  messageDigest?: Uint8Array;
  /** Signer certificate; it must carry its `privateKey`. */
  certificate: TestCertificate;
  /** Certificates to include besides the signer's (e.g. the CA chain). */
  chain?: TestCertificate[];
  /** Leave eContent out (default false: attached). */
  detached?: boolean;
  /** Default: now. */
  signingTime?: Date;
  /**
   * 'cades-bes' (default) adds signingCertificateV2; 'pkcs7' mirrors CADESCOM_PKCS7_TYPE: contentType,
   * messageDigest and signingTime only when `signingTime` is given.
   */
  profile?: 'cades-bes' | 'pkcs7';
  /** Further signed attributes: OID and the DER of the (single) value. */
  extraSignedAttributes?: { oid: string; value: Uint8Array }[];
}

function algorithm(id: string): Uint8Array {
  return sequence(oid(id), nullValue());
}

function attribute(type: string, value: Uint8Array): Uint8Array {
  return sequence(oid(type), setOf(value));
}

/** Issuer Name and serialNumber INTEGER of a certificate, as their DER. */
function issuerAndSerial(certificateDer: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } {
  const fields = parseDer(certificateDer).children[0]?.children ?? [];
  const hasVersion = fields[0]?.tag === 0xa0;
  const serial = fields[hasVersion ? 1 : 0];
  const issuer = fields[hasVersion ? 3 : 2];
  if (!serial || !issuer) throw new Error('not a certificate');
  return { issuer: issuer.raw, serial: serial.raw };
}

/** DER ContentInfo(SignedData), really signed with the certificate's private key. */
export function buildCadesBes(options: BuildCadesBesOptions): Uint8Array {
  const { certificate } = options;
  if (!certificate.privateKey || !certificate.gost) {
    throw new Error('buildCadesBes needs a GOST certificate with its private key');
  }
  const bits = certificate.keyBits;
  const digestOid = bits === 256 ? OID.streebog256 : OID.streebog512;
  const keyOid = bits === 256 ? OID.gost2012_256 : OID.gost2012_512;
  const digest = options.messageDigest ?? (bits === 256 ? streebog256(options.content) : streebog512(options.content));
  if (digest.length !== bits / 8) throw new Error(`a ${bits}-bit key signs a ${bits}-bit digest`);
  const detached = options.detached || options.messageDigest !== undefined;
  const { issuer, serial } = issuerAndSerial(certificate.der);
  const profile = options.profile ?? 'cades-bes';

  const attrs = [attribute(OID.contentType, oid(OID.data)), attribute(OID.messageDigest, octetString(digest))];
  if (profile === 'cades-bes' || options.signingTime) {
    attrs.push(attribute(OID.signingTime, time(options.signingTime ?? new Date())));
  }
  if (profile === 'cades-bes') {
    const essCertIdV2 = sequence(
      algorithm(OID.streebog256),
      octetString(streebog256(certificate.der)),
      sequence(sequence(explicit(4, issuer)), serial),
    );
    attrs.push(attribute(OID.signingCertificateV2, sequence(sequence(essCertIdV2))));
  }
  for (const extra of options.extraSignedAttributes ?? []) attrs.push(attribute(extra.oid, extra.value));
  // The signature covers the DER SET OF; in SignerInfo the same bytes carry the [0] IMPLICIT tag.
  const signedAttrsSet = setOf(...attrs);
  const signature = gostSign(certificate.privateKey, signedAttrsSet, bits, certificate.curveOid);
  const signedAttrs = concatBytes([Uint8Array.of(0xa0), signedAttrsSet.subarray(1)]);

  const signerInfo = sequence(
    integer(1),
    sequence(issuer, serial),
    algorithm(digestOid),
    signedAttrs,
    algorithm(keyOid),
    octetString(signature),
  );
  const encapContent = detached
    ? sequence(oid(OID.data))
    : sequence(oid(OID.data), explicit(0, octetString(options.content)));
  const certificates = [certificate, ...(options.chain ?? [])].map((c) => c.der);
  const signedData = sequence(
    integer(1),
    setOf(algorithm(digestOid)),
    encapContent,
    implicitConstructed(0, certificates),
    tlv(0x31, signerInfo),
  );
  return sequence(oid(OID.signedData), explicit(0, signedData));
}
