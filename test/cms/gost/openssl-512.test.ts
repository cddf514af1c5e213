// Our GOST R 34.10-2012 against OpenSSL's GOST engine, 512-bit curves: 1,000 random messages each way per distinct
// curve (ours signs → OpenSSL verifies; OpenSSL signs → ours verifies).
// Zero disagreements. Timings go to the log; thresholds belong in `npm run bench`.
import { describe } from 'vitest';
import { crossCheckTests } from './helpers/openssl-ca.js';

const cases: Array<[oid: string, name: string, count: number]> = [
  ['1.2.643.7.1.2.1.2.1', 'TC26 512 A', 1000],
  ['1.2.643.7.1.2.1.2.2', 'TC26 512 B', 1000],
  ['1.2.643.7.1.2.1.2.3', 'TC26 512 C (twisted Edwards)', 1000],
];

describe('GOST R 34.10-2012 512 against OpenSSL', () => crossCheckTests(cases));
