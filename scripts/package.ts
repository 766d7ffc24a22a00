import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { loadConfig, readEnvironment, type Config } from '../bot/config';
import { ConfigError, SyncOpsError } from '../bot/errors';
import {
  BOT_FRAMEWORK_TOKEN_DOMAIN,
  COLOR_ICON,
  OUTLINE_ICON,
  buildManifest,
  type ManifestOptions,
  type TeamsManifest,
} from '../appPackage/manifest';

/** The sources' appPackage/: this file runs from dist/scripts/ after a build and from scripts/ under jest. */
export const APP_PACKAGE_DIR = path.resolve(
  __dirname,
  path.basename(path.dirname(__dirname)) === 'dist' ? '../..' : '..',
  'appPackage',
);
export const DEFAULT_OUTPUT = path.join(APP_PACKAGE_DIR, 'build', 'syncops.zip');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Teams wants a bare host in validDomains (no scheme, path or port) and a plain MAJOR.MINOR.PATCH version.
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const VERSION = /^\d+\.\d+\.\d+$/;

/** The manifest's variable part, from configuration; refuses what would give a package Teams cannot use. */
export function manifestOptionsFrom(config: Config): ManifestOptions {
  const { appId } = config.bot;
  const { botDomain, appVersion } = config.packaging;
  const problems: string[] = [];
  // Without the bot's real app id the package installs but every message to the bot goes nowhere.
  if (!GUID.test(appId)) {
    const got = appId ? `got '${appId}'` : 'but it is not set';
    problems.push(`MicrosoftAppId: the Azure Bot's app id (a GUID) is required to package the Teams app, ${got}`);
  }
  if (botDomain !== undefined && !HOST.test(botDomain))
    problems.push(`BOT_DOMAIN: must be a host name such as syncops.contoso.com (no https://, path or port), got '${botDomain}'`);
  if (!VERSION.test(appVersion)) problems.push(`APP_VERSION: must be MAJOR.MINOR.PATCH such as 1.0.0, got '${appVersion}'`);
  if (problems.length > 0) throw new ConfigError(problems);
  // Sign-in cards open token.botframework.com, so Teams must trust it as well as the bot's own host.
  const validDomains = [...(botDomain ? [botDomain.toLowerCase()] : []), BOT_FRAMEWORK_TOKEN_DOMAIN];
  const { teamsAppId } = config.packaging;
  return { appId: appId.toLowerCase(), version: appVersion, validDomains, ...(teamsAppId ? { teamsAppId } : {}) };
}

/** Schema errors of a manifest against the official schema its `$schema` names, offline; [] when valid. */
export function validateManifest(manifest: TeamsManifest): Promise<string[]> {
  // Our type is the subset we fill; the library's generated v1.24 type also demands fields the schema does not.
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest);
}

/** Builds the manifest from `env` (through loadConfig), checks it against the schema and writes the zip. */
export async function packageApp(env: NodeJS.ProcessEnv, outPath: string): Promise<TeamsManifest> {
  const manifest = buildManifest(manifestOptionsFrom(loadConfig(env)));
  const errors = await validateManifest(manifest);
  if (errors.length > 0) throw new SyncOpsError('manifestInvalid', `The manifest fails its schema:\n  - ${errors.join('\n  - ')}`);

  // Teams reads manifest.json and the icons from the zip root, not from a folder.
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const icon of [COLOR_ICON, OUTLINE_ICON]) zip.file(icon, readFileSync(path.join(APP_PACKAGE_DIR, icon)));
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(path.dirname(outPath), { recursive: true });
  writeFileSync(outPath, bytes);
  return manifest;
}

/** `node dist/scripts/package.js [output.zip]`: exit code 1 with the reason when configuration is unusable. */
export async function main(outPath = DEFAULT_OUTPUT): Promise<number> {
  try {
    const manifest = await packageApp(readEnvironment(), outPath);
    console.log(`Wrote ${outPath}: Teams app ${manifest.id} version ${manifest.version}, manifest v${manifest.manifestVersion}`);
    return 0;
  } catch (error) {
    if (!(error instanceof SyncOpsError)) throw error;
    console.error(error.message);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv[2] ? path.resolve(process.argv[2]) : undefined).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A write or zip failure: one line with the reason, not an unhandled rejection.
      console.error(`Packaging failed: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}
