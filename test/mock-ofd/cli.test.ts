import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';

let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

describe('ofd-signer-mock CLI', () => {
  it('starts on 127.0.0.1, prints OFD_BASE_URL and a demo application that answers with the token', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/mock-ofd/cli.ts'], {
      env: { ...process.env, PORT: '0', OFD_AUTH_TOKEN: 'cli-test-token-0001' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: string) => {
        output += chunk;
        if (/demo application: \S+/.test(output) && output.includes('\n  curl')) resolve();
      });
      child!.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const baseUrl = /OFD_BASE_URL=(\S+)/.exec(output)![1]!;
    const id = /demo application: (\S+)/.exec(output)![1]!;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/integration$/);
    expect(output).not.toContain('cli-test-token-0001');
    const answer = await fetch(`${baseUrl}/v2/b2b/kkt/registration/${id}?AuthToken=cli-test-token-0001`);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { Data: { Status: string } }).Data.Status).toBe('New');
  });
});
