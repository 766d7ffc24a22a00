import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPlayground } from '../../scripts/playground';

test('a Playground that cannot start fails within seconds, with its log and the bot\'s, and stops the bot', async () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'syncops-e2e-'));
  const startedAt = Date.now();
  const failure = await startPlayground({ botPort: 0, playgroundPort: 0, workDir, playgroundCli: path.join(workDir, 'missing-cli.js') })
    .then((running) => running.stop().then(() => new Error('it started')), (error: Error) => error);
  rmSync(workDir, { recursive: true, force: true });

  expect(failure.message).toMatch(/^The Agents Playground did not start: the Agents Playground exited with code 1/);
  expect(failure.message).toContain(`Cannot find module '${path.join(workDir, 'missing-cli.js')}'`);
  expect(failure.message).toContain('"event":"started"');
  expect(failure.message).toContain('"event":"stopped"');
  expect(Date.now() - startedAt).toBeLessThan(15_000);
});
