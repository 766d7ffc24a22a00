import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  MAX_COMMANDS,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  buildManifest,
  selectMenuCommands,
  type MenuRow,
  type TeamsManifest,
} from '../../appPackage/manifest';
import { GRAMMAR } from '../../bot/commands/grammar';
import { COLOR_SIZE, OUTLINE_SIZE, drawColorIcon, drawOutlineIcon } from '../../scripts/makeIcons';
import { APP_PACKAGE_DIR, manifestOptionsFrom, packageApp } from '../../scripts/package';
import { loadConfig } from '../../bot/config';

// @microsoft/app-manifest requires strip-bom 5, which is ESM only: Node 20.19+ loads it, Jest's module
// runtime cannot. Only the library's file readers use it, and these tests pass objects, never files.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const APP_ID = '5f0c2a8e-1d3b-4c6a-9e7f-2b4d6f8a0c1e';
const OPTIONS = { appId: APP_ID, version: '1.2.3', validDomains: ['syncops.contoso.com', 'token.botframework.com'] };
const PACKAGE_ENV = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-for-packaging', BOT_DOMAIN: 'syncops.contoso.com' };

const validate = (manifest: object): Promise<string[]> =>
  AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest);

describe('Teams manifest', () => {
  it('passes the official schema offline', async () => {
    const manifest = buildManifest(OPTIONS);
    expect(manifest.manifestVersion).toBe('1.24');
    expect(await validate(manifest)).toEqual([]);
  });

  it('fails the schema with a bad bot id or a misspelt scope', async () => {
    const badBotId = buildManifest(OPTIONS);
    badBotId.bots[0]!.botId = 'syncops-bot';
    expect((await validate(badBotId)).join('\n')).toMatch(/\/bots\/0\/botId/);

    const manifest = buildManifest(OPTIONS);
    const badScope = { ...manifest, bots: [{ ...manifest.bots[0], scopes: ['personal', 'groupchat'] }] };
    expect((await validate(badScope)).join('\n')).toMatch(/\/bots\/0\/scopes\/1/);
  });

  it('fills the bot id, SSO resource, scopes and links from the options', () => {
    const manifest = buildManifest(OPTIONS);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]).toMatchObject({ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'] });
    expect(manifest.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://botid-${APP_ID}` });
    expect(manifest.developer.privacyUrl).toBe('https://syncops.contoso.com/privacy');
    expect(buildManifest({ ...OPTIONS, validDomains: ['token.botframework.com'] }).developer.websiteUrl).toBe(
      'https://example.org/',
    );
  });

  it('lists the ten most useful commands per scope, with job, restart and watch in the team scope', () => {
    const lists = buildManifest(OPTIONS).bots[0]!.commandLists;
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team', 'groupChat']]);
    const [personal, team] = lists.map((l) => l.commands.map((c) => c.title));
    expect(personal).toHaveLength(10);
    expect(team).toHaveLength(10);
    expect(team).toEqual(expect.arrayContaining(['restart', 'job', 'watch']));
    expect(personal).toEqual(expect.arrayContaining(['job', 'restart', 'audit']));
  });

  it('takes the Teams app id the Agents Toolkit created (TEAMS_APP_ID) while the bot keeps its own id', () => {
    const teamsAppId = '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a';
    const manifest = buildManifest(manifestOptionsFrom(loadConfig({ ...PACKAGE_ENV, TEAMS_APP_ID: teamsAppId.toUpperCase() })));
    expect(manifest.id).toBe(teamsAppId);
    expect(manifest.bots[0]!.botId).toBe(APP_ID);
    expect(() => loadConfig({ ...PACKAGE_ENV, TEAMS_APP_ID: 'my-app' })).toThrow(/TEAMS_APP_ID: must be a GUID/);
  });

  it('takes its command menu from the grammar table, within the Teams limits', () => {
    const commands = buildManifest(OPTIONS).bots[0]!.commandLists[1]!.commands;
    const verbs = new Set(GRAMMAR.map((row) => row.verb.toLowerCase()));
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.length).toBeLessThanOrEqual(MAX_COMMANDS);
    expect(commands.slice(0, 2).map((c) => c.title)).toEqual(['help', 'sds']);
    for (const { title, description } of commands) {
      expect(verbs).toContain(title);
      expect(title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
      expect(description.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    }
    expect(new Set(commands.map((c) => c.title)).size).toBe(commands.length);
  });
});

describe('selectMenuCommands', () => {
  const row = (verb: string, usage: string, summary = `${verb} things`): MenuRow => ({ verb, usage, summary });

  it('merges rows sharing a verb and puts help and the new SDS first', () => {
    const rows = [row('pause', 'pause profile <name|id>'), row('sds', 'sds'), row('pause', 'pause job <jobId>'), row('help', 'help')];
    expect(selectMenuCommands(rows)).toEqual([
      { title: 'help', description: 'help things' },
      { title: 'sds', description: 'sds things' },
      { title: 'pause', description: 'pause profile <name|id> | pause job <jobId>' },
    ]);
  });

  it('caps the menu at 10 in table order', () => {
    const rows = Array.from({ length: 14 }, (_, i) => row(`verb${i}`, `verb${i} <x>`));
    expect(selectMenuCommands(rows).map((c) => c.title)).toEqual(rows.slice(0, 10).map((r) => r.verb));
  });

  it('shortens a description that would pass 128 characters and skips a verb too long for a title', () => {
    const long = 'x'.repeat(120);
    const [command, ...rest] = selectMenuCommands([row('go', `go ${long}`, 'Go somewhere'), row('v'.repeat(33), 'v')]);
    expect(command).toEqual({ title: 'go', description: 'Go somewhere' });
    expect(rest).toEqual([]);
  });
});

describe('app icons', () => {
  const read = (name: string): Buffer => readFileSync(path.join(APP_PACKAGE_DIR, name));
  // IHDR is the first chunk: 8-byte signature, 4-byte length, 'IHDR', then width and height.
  const size = (png: Buffer): [number, number] => [png.readUInt32BE(16), png.readUInt32BE(20)];

  it('has a 192×192 color icon and a 32×32 outline icon', () => {
    expect(size(read('color.png'))).toEqual([COLOR_SIZE, COLOR_SIZE]);
    expect(size(read('outline.png'))).toEqual([OUTLINE_SIZE, OUTLINE_SIZE]);
  });

  it('draws the outline icon in white on transparency only', () => {
    const { data } = PNG.sync.read(read('outline.png'));
    let transparent = 0;
    const offWhite: number[] = [];
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) transparent++;
      else if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) offWhite.push(i / 4);
    }
    expect(offWhite).toEqual([]);
    expect(transparent).toBeGreaterThan(OUTLINE_SIZE * OUTLINE_SIZE * 0.5);
    expect(transparent).toBeLessThan(OUTLINE_SIZE * OUTLINE_SIZE);
  });

  it('commits the icons the generator draws', () => {
    expect(PNG.sync.read(read('color.png')).data.equals(drawColorIcon().data)).toBe(true);
    expect(PNG.sync.read(read('outline.png')).data.equals(drawOutlineIcon().data)).toBe(true);
  });
});

describe('npm run package', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'syncops-package-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes a zip with manifest.json and the two icons at its root', async () => {
    const outPath = path.join(outDir, 'nested', 'syncops.zip');
    await packageApp(PACKAGE_ENV, outPath);
    const zip = await JSZip.loadAsync(readFileSync(outPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as TeamsManifest;
    expect(manifest.bots[0]!.botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(['syncops.contoso.com', 'token.botframework.com']);
    expect(await validate(manifest)).toEqual([]);
  });

  it.each([
    ['a missing MicrosoftAppId', {}, /MicrosoftAppId/],
    ['a MicrosoftAppId that is not a GUID', { ...PACKAGE_ENV, MicrosoftAppId: 'syncops-bot' }, /MicrosoftAppId/],
    ['a BOT_DOMAIN with a scheme', { ...PACKAGE_ENV, BOT_DOMAIN: 'https://syncops.contoso.com' }, /BOT_DOMAIN/],
    ['an APP_VERSION that is not MAJOR.MINOR.PATCH', { ...PACKAGE_ENV, APP_VERSION: 'v2' }, /APP_VERSION/],
  ])('refuses %s and writes nothing', async (_case, env, message) => {
    const outPath = path.join(outDir, 'syncops.zip');
    await expect(packageApp(env, outPath)).rejects.toThrow(message);
    expect(() => readFileSync(outPath)).toThrow();
  });
});
