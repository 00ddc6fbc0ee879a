import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../lambdas/core/config/parse-config.js';

const shipped = JSON.parse(readFileSync('incident-comms.config.json', 'utf8'));

describe('configuration', () => {
  it('accepts the shipped example with English and Indonesian', () => {
    const config = parseConfig(shipped);
    expect(config.locales).toEqual(['en', 'id']);
    expect(config.timeZones['id']).toBe('Asia/Jakarta');
  });

  it.each([
    ['defaultLocale', { defaultLocale: 'fr' }, 'not one of locales'],
    ['timeZones.id', { timeZones: { id: 'Mars/Olympus' } }, 'IANA time zone'],
    ['components.1.id', { components: [{ id: 'api', name: 'API' }, { id: 'api', name: 'API again' }] }, 'declared twice'],
    ['statusPageUrl', { statusPageUrl: 'not a url' }, ''],
    ['statusCacheSeconds', { statusCacheSeconds: 120 }, ''],
    ['channels.x.locales', { channels: { x: { enabled: true, locales: ['fr'] } } }, 'not one of locales'],
    ['serviceName', { serviceName: '' }, ''],
    ['statusSite.replicaRegion', { statusSite: { replicaRegion: 'Europe' } }, 'AWS region code'],
  ])('rejects a bad %s with an error naming it', (path, override, hint) => {
    const attempt = () => parseConfig({ ...shipped, ...override }, 'incident-comms.config.json');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`${path.replace('.', '\\.')}: .*${hint}`));
  });

  it('rejects an unknown setting rather than ignoring a typo', () => {
    expect(() => parseConfig({ ...shipped, serviceNmae: 'x' })).toThrow(/serviceNmae/);
  });
});
