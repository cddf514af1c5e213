/**
 * Figures quoted in docs/testing.md (not a test: no thresholds). Run: `npx tsx test/testing/measure-emulator.ts [count]`.
 * Prints the cost of bulk certificate issuance, of listing them through the emulator, and of one signature.
 */
import { Window as HappyDomWindow } from 'happy-dom';
import { generateGostKeyPair, gostSign } from '../../src/cms/gost.js';
import {
  createDemoCertificates, createTestCertificates, getDefaultTestCa, installCadesPluginMock,
} from '../../src/testing/index.js';

const count = Number(process.argv[2] ?? 1000);
const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;

let t = performance.now();
getDefaultTestCa();
console.log(`test CA: ${ms(t)}`);

t = performance.now();
createDemoCertificates();
console.log(`demo certificates (5): ${ms(t)}`);

t = performance.now();
const certificates = createTestCertificates(count, { subject: { CN: 'Сотрудник', O: 'ООО «Ромашка»', C: 'RU' } });
console.log(`${count} bulk certificates: ${ms(t)}`);

const mock = installCadesPluginMock({ certificates, window: new HappyDomWindow({ url: 'https://localhost/' }) as unknown as Window });
const plugin = mock.plugin;
await plugin;
t = performance.now();
const store = await plugin.CreateObjectAsync('CAdESCOM.Store');
await store.Open(2, 'My', 2);
const collection = await store.Certificates;
const n = await collection.Count;
const items = await Promise.all(Array.from({ length: n }, (_, i) => collection.Item(i + 1)));
await Promise.all(items.map((c) => c.Export(0)));
console.log(`list + export ${n} via the emulator (latency 0): ${ms(t)}, ${mock.callCount()} calls, peak ${mock.maxConcurrency} in flight`);

const keys = generateGostKeyPair();
const data = new Uint8Array(2048);
for (let i = 0; i < 5; i++) gostSign(keys.privateKey, data);
t = performance.now();
for (let i = 0; i < 20; i++) gostSign(keys.privateKey, data);
console.log(`one GOST-256 signature of 2 KB: ${((performance.now() - t) / 20).toFixed(1)} ms`);
t = performance.now();
for (let i = 0; i < 20; i++) generateGostKeyPair();
console.log(`one GOST-256 key pair: ${((performance.now() - t) / 20).toFixed(1)} ms`);
mock.uninstall();
