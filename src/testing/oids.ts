/**
 * Object identifiers of the test certificates and the CMS builder: every OID the readers in src/cms name, plus the
 * few only a certificate issuer needs (key parameters, policies, extended key usages, an RSA key).
 */
import { Oid } from '../cms/oids.js';

export const OID = {
  ...Oid,
  /** id-GostR3410-2001-CryptoPro-A-ParamSet, the usual curve of 256-bit keys. */
  cryptoProParamSetA: '1.2.643.2.2.35.1',
  /** id-tc26-gost-3410-12-512-paramSetA. */
  tc26ParamSet512A: '1.2.643.7.1.2.1.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  certificatePolicies: '2.5.29.32',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  /** Qualified signature class КС1. */
  policyKc1: '1.2.643.100.113.1',
  subjectSignTool: '1.2.643.100.111',
} as const;
