import { describe } from 'vitest';
import { createMemoryLedgerStore } from '../../src/proxy/ledger/memory-store.js';
import { storeContract } from './helpers/store-contract.js';

describe('memory ledger store', () => {
  storeContract(() => createMemoryLedgerStore());
});
