import { describe, expect, it } from 'vitest';
import { CAUSES, type Cause } from './spec.js';
import type { Facts, TargetFacts } from './facts.js';
import { parseProfile } from '../engine/profile.js';
import { decideVerdict } from './verdict.js';

const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'https://chat.lab/' }] }, 'test');

const target = (over: Partial<TargetFacts> = {}): TargetFacts => ({
  id: 'app',
  url: 'https://chat.lab/',
  failedLayer: null,
  httpStatus: 200,
  serverError: false,
  reachable: true,
  ...over,
});
const down = (layer: 'dns' | 'tcp' | 'tls'): TargetFacts => target({ failedLayer: layer, httpStatus: undefined, reachable: false });
const serverError = (status = 502): TargetFacts => target({ httpStatus: status, serverError: true, reachable: false });

/** A healthy world: every fact measured and fine. Scenarios change what they need. */
function healthy(): Partial<Facts> {
  return {
    statusPage: { reachable: true, outage: false, indicator: 'none', incidents: [] },
    targets: [target()],
    retry: { attempts: 0, serverErrors: 0, persistent: false },
    connectivity: { answered: true, portal: false, httpStatus: 204 },
    dns: { systemFailed: false, systemBadAnswers: false, referenceAnswered: true, referenceWorks: true, agreesWithReference: true },
    proxy: { inEffect: false, failsThroughProxy: false, worksDirect: true },
    vpn: { tunnelInterfaces: [], carriesTraffic: false },
  };
}

const worlds: Record<Exclude<Cause, 'unknown'>, (f: Partial<Facts>) => void> = {
  'captive-portal': (f) => {
    f.connectivity = { answered: true, portal: true, httpStatus: 302 };
    f.targets = [down('tls')];
  },
  vpn: (f) => {
    f.vpn = { tunnelInterfaces: ['wg0'], carriesTraffic: true };
    f.targets = [down('tcp')];
  },
  offline: (f) => {
    f.connectivity = { answered: false, portal: false };
    f.dns = { systemFailed: true, systemBadAnswers: false, referenceAnswered: false, referenceWorks: false, agreesWithReference: false };
    f.targets = [down('dns')];
  },
  proxy: (f) => {
    f.proxy = { inEffect: true, source: 'env', failsThroughProxy: true, worksDirect: true };
    f.targets = [target({ httpStatus: 502, serverError: true, reachable: false })];
  },
  'tls-interception': (f) => {
    f.targets = [target({ failedLayer: 'tls', httpStatus: undefined, reachable: false, tlsProblem: 'unknown-issuer' })];
  },
  dns: (f) => {
    f.dns = { systemFailed: true, systemBadAnswers: false, referenceAnswered: true, referenceWorks: true, agreesWithReference: false };
    f.targets = [down('dns')];
  },
  'service-outage': (f) => {
    f.statusPage = { reachable: true, outage: true, indicator: 'major', incidents: ['Conversations unavailable'] };
    f.targets = [serverError(503)];
  },
  'server-error': (f) => {
    f.targets = [serverError(502)];
    f.retry = { attempts: 3, serverErrors: 3, persistent: true };
  },
  browser: () => {},
};

describe('verdict', () => {
  for (const [cause, apply] of Object.entries(worlds)) {
    it(`names ${cause} in its world`, () => {
      const facts = healthy();
      apply(facts);
      const verdict = decideVerdict(facts, profile);
      expect(verdict.cause).toBe(cause);
      expect(verdict.nextSteps.length).toBeGreaterThan(0);
      expect(verdict.summary.length).toBeGreaterThan(20);
    });
  }

  it('covers every cause of SPEC.md', () => {
    expect([...Object.keys(worlds), 'unknown'].sort()).toEqual([...CAUSES].sort());
  });

  it('is unknown when nothing was measured', () => {
    expect(decideVerdict({}, profile)).toMatchObject({ cause: 'unknown', confidence: 'low', alsoFound: [] });
  });

  it('is unknown when the evidence contradicts itself (targets fail below HTTP but nothing explains it)', () => {
    const facts = healthy();
    facts.targets = [down('tcp')];
    expect(decideVerdict(facts, profile).cause).toBe('unknown');
  });

  it('never reads missing facts as healthy: a reachable target without a connectivity check is still browser, a 502 without any network fact is server-error only if HTTP answered', () => {
    expect(decideVerdict({ targets: [target()] }, profile).cause).toBe('browser');
    expect(decideVerdict({ targets: [serverError()] }, profile).cause).toBe('server-error');
    expect(decideVerdict({ targets: [down('dns')] }, profile).cause).toBe('unknown');
  });

  describe('order of the causes table with two faults', () => {
    it('a captive portal comes before a DNS failure, and explains it (no DNS fault is listed beside it)', () => {
      const facts = healthy();
      worlds.dns(facts);
      facts.connectivity = { answered: true, portal: true, httpStatus: 511 };
      const verdict = decideVerdict(facts, profile);
      expect(verdict.cause).toBe('captive-portal');
      expect(verdict.alsoFound).toEqual([]);
    });

    it('a captive portal explains certificate errors: they are not listed as interception', () => {
      const facts = healthy();
      worlds['tls-interception'](facts);
      facts.connectivity = { answered: true, portal: true, httpStatus: 302 };
      expect(decideVerdict(facts, profile)).toMatchObject({ cause: 'captive-portal', alsoFound: [] });
    });

    it('an outage on the status page while the site answers: the browser is not listed beside it', () => {
      const facts = healthy();
      facts.statusPage = { reachable: true, outage: true, indicator: 'major', incidents: ['Conversations unavailable'] };
      expect(decideVerdict(facts, profile)).toMatchObject({ cause: 'service-outage', alsoFound: [] });
    });

    it('a VPN that swallows every packet explains why nothing answers: offline is not listed beside it', () => {
      const facts = healthy();
      worlds.offline(facts);
      facts.vpn = { tunnelInterfaces: ['tun0'], carriesTraffic: true };
      expect(decideVerdict(facts, profile)).toMatchObject({ cause: 'vpn', alsoFound: [] });
    });

    it('a VPN comes before DNS', () => {
      const facts = healthy();
      worlds.dns(facts);
      facts.vpn = { tunnelInterfaces: ['tun0'], carriesTraffic: true };
      const verdict = decideVerdict(facts, profile);
      expect(verdict.cause).toBe('vpn');
      expect(verdict.alsoFound).toEqual(['dns']);
    });

    it('an outage on the status page comes before a server error', () => {
      const facts = healthy();
      worlds['server-error'](facts);
      facts.statusPage = { reachable: true, outage: true, indicator: 'critical', incidents: [] };
      const verdict = decideVerdict(facts, profile);
      expect(verdict.cause).toBe('service-outage');
      // server-error's condition requires "no incident", so it does not also hold
      expect(verdict.alsoFound).toEqual([]);
    });

    it('DNS comes before a service outage', () => {
      const facts = healthy();
      worlds.dns(facts);
      facts.statusPage = { reachable: true, outage: true, indicator: 'major', incidents: ['Login errors'] };
      const verdict = decideVerdict(facts, profile);
      expect(verdict.cause).toBe('dns');
      expect(verdict.alsoFound).toEqual(['service-outage']);
    });

    it('a failing proxy comes before TLS interception', () => {
      const facts = healthy();
      worlds['tls-interception'](facts);
      facts.proxy = { inEffect: true, source: 'env', failsThroughProxy: true, worksDirect: true };
      const verdict = decideVerdict(facts, profile);
      expect(verdict.cause).toBe('proxy');
      expect(verdict.alsoFound).toEqual(['tls-interception']);
    });
  });

  it('does not claim what was not measured: no status page read, a single attempt', () => {
    const facts = healthy();
    facts.targets = [serverError(502)];
    facts.statusPage = { reachable: false, outage: false, incidents: [] };
    facts.retry = { attempts: 1, serverErrors: 0, persistent: false };
    const verdict = decideVerdict(facts, profile);
    expect(verdict).toMatchObject({ cause: 'server-error', confidence: 'high' });
    expect(verdict.summary).not.toMatch(/status page/);
    expect(verdict.summary).not.toMatch(/comes and goes/);
  });

  it('tells an intermittent server error by a lower confidence', () => {
    const facts = healthy();
    facts.targets = [serverError(503)];
    facts.retry = { attempts: 3, serverErrors: 1, persistent: false };
    const verdict = decideVerdict(facts, profile);
    expect(verdict).toMatchObject({ cause: 'server-error', confidence: 'medium' });
    expect(verdict.summary).toMatch(/comes and goes/);
  });
});

describe('verdict rules of issue 9', () => {
  it('offline means nothing answers: a target that completed TCP and TLS is not offline', () => {
    const facts = healthy();
    facts.connectivity = { answered: false, portal: false };
    facts.dns = { systemFailed: false, systemBadAnswers: false, referenceAnswered: false, referenceWorks: false, agreesWithReference: false };
    facts.targets = [target({ failedLayer: 'tls', httpStatus: undefined, reachable: false, tlsProblem: 'unknown-issuer' })];
    expect(decideVerdict(facts, profile).cause).not.toBe('offline');
    // A certificate from an unknown issuer for the service's own name, public DNS firewalled: interception, less sure.
    expect(decideVerdict(facts, profile)).toMatchObject({ cause: 'tls-interception', confidence: 'medium' });

    facts.targets = [target({ failedLayer: 'http', httpStatus: undefined, reachable: false })];
    expect(decideVerdict(facts, profile).cause).not.toBe('offline');

    facts.targets = [down('tcp'), down('dns')];
    expect(decideVerdict(facts, profile).cause).toBe('offline');
  });

  it("another site's certificate with no reference to compare is not called interception (it may be a parking page)", () => {
    const facts = healthy();
    facts.dns = { systemFailed: false, systemBadAnswers: false, referenceAnswered: false, referenceWorks: false, agreesWithReference: false };
    facts.targets = [target({ failedLayer: 'tls', httpStatus: undefined, reachable: false, tlsProblem: 'wrong-host' })];
    expect(decideVerdict(facts, profile).cause).toBe('unknown');
  });

  it('DNS agreeing with the reference keeps interception at high confidence', () => {
    const facts = healthy();
    facts.targets = [target({ failedLayer: 'tls', httpStatus: undefined, reachable: false, tlsProblem: 'wrong-host' })];
    expect(decideVerdict(facts, profile)).toMatchObject({ cause: 'tls-interception', confidence: 'high' });
  });
});
