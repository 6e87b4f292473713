import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ProfileSchema } from '../../common/spec.js';
import { builtinProfile } from '../profile.js';
import {
  BUILTIN_SERVICES,
  builtinServiceIdOf,
  builtinServiceProfile,
  DEFAULT_SERVICE_ID,
  listBuiltinServices,
} from './builtin-services.js';

describe('built-in services', () => {
  it('each is a full, valid profile (SPEC.md "Profile") with a unique id; ChatGPT is the default', () => {
    for (const service of BUILTIN_SERVICES) {
      expect(service.id).toMatch(/^[a-z0-9-]{1,40}$/);
      const profile = ProfileSchema.parse(service.profile);
      for (const target of profile.targets) expect(new URL(target.url).protocol).toBe('https:');
      if (profile.statusPage) expect(profile.statusPage.url).toMatch(/^https:\/\/[^/]+\/api\/v2\/summary\.json$/);
    }
    expect(new Set(BUILTIN_SERVICES.map((s) => s.id)).size).toBe(BUILTIN_SERVICES.length);
    expect(DEFAULT_SERVICE_ID).toBe('chatgpt');
    expect(builtinServiceProfile('chatgpt')).toEqual(builtinProfile());
  });

  it('every service and every host and status page is accounted for in SOURCES.md', () => {
    const sources = readFileSync(path.join(import.meta.dirname, 'SOURCES.md'), 'utf8');
    for (const service of BUILTIN_SERVICES) {
      expect(sources).toContain(`| \`${service.id}\` |`);
      const profile = ProfileSchema.parse(service.profile);
      for (const target of profile.targets) expect(sources).toContain(new URL(target.url).host);
      if (profile.statusPage) expect(sources).toContain(profile.statusPage.url);
    }
  });

  it('lists id, name and host for a start screen', () => {
    expect(listBuiltinServices()[0]).toEqual({ id: 'chatgpt', name: 'ChatGPT', host: 'chatgpt.com' });
    expect(listBuiltinServices().map((s) => s.id)).toEqual(BUILTIN_SERVICES.map((s) => s.id));
  });

  it('recognises a built-in profile, and nothing else', () => {
    expect(builtinServiceIdOf(builtinServiceProfile('claude')!)).toBe('claude');
    expect(builtinServiceIdOf(ProfileSchema.parse({ name: 'Claude', targets: [{ id: 'app', url: 'https://claude.example/' }] }))).toBeUndefined();
    expect(builtinServiceProfile('nope')).toBeUndefined();
  });
});
