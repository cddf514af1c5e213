/** Object identifiers used by the test certificates and the CMS builder. */
export const OID = {
  gost2012_256: '1.2.643.7.1.1.1.1',
  gost2012_512: '1.2.643.7.1.1.1.2',
  streebog256: '1.2.643.7.1.1.2.2',
  streebog512: '1.2.643.7.1.1.2.3',
  signWithStreebog256: '1.2.643.7.1.1.3.2',
  signWithStreebog512: '1.2.643.7.1.1.3.3',
  /** id-GostR3410-2001-CryptoPro-A-ParamSet, the usual curve of 256-bit keys. */
  cryptoProParamSetA: '1.2.643.2.2.35.1',
  /** id-tc26-gost-3410-12-512-paramSetA. */
  tc26ParamSet512A: '1.2.643.7.1.2.1.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  certificatePolicies: '2.5.29.32',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  /** Qualified signature class КС1. */
  policyKc1: '1.2.643.100.113.1',
  subjectSignTool: '1.2.643.100.111',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;
