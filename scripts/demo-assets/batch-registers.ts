/**
 * The demo chain: cash registers of DEMO_COMPANY in different shops, each with its own serial number, fiscal drive
 * and address (made-up numbers, 16-digit fiscal drives as the mock requires). Used by `npm start` for the batch
 * link and by the batch tests.
 */
import type { DemoApplicationOverrides } from '../../src/mock-ofd/types.js';
import { DEMO_KKT } from '../../src/testing/demo-identity.js';

const STREETS = [
  'ул. Тверская, д. 1',
  'ул. Арбат, д. 12',
  'Ленинский пр-т, д. 30',
  'ул. Профсоюзная, д. 56',
  'ул. Бутырская, д. 8',
  'Кутузовский пр-т, д. 24',
  'ул. Покровка, д. 17',
  'ул. Маросейка, д. 3',
  'Мира пр-т, д. 101',
  'ул. Новый Арбат, д. 15',
  'ул. Большая Якиманка, д. 22',
  'Варшавское ш., д. 87',
];
const MODELS = ['АТОЛ 30Ф', 'АТОЛ 91Ф', 'Эвотор 7.2', 'Меркурий-185Ф'];

/** Why FNS rejects the one register set up to fail: a serial number missing from the register of cash registers. */
export const DEMO_REJECT_REASON = 'ККТ с указанным заводским номером отсутствует в реестре контрольно-кассовой техники';

export function demoRegisters(count: number): DemoApplicationOverrides[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    return {
      KktDetails: {
        Model: MODELS[i % MODELS.length]!,
        SerialNumber: `001067123456${String(n).padStart(2, '0')}`,
        FnNumber: `73804407001234${String(n).padStart(2, '0')}`.slice(0, 16),
        FnName: DEMO_KKT.fnModel,
        InstallmentAddress: { FullAddress: `г. Москва, ${STREETS[i % STREETS.length]}, магазин «Ромашка» № ${n}` },
      },
    };
  });
}
