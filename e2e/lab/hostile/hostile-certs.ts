// Lab: a TLS-intercepting box's certificates, made at test time with OpenSSL: a CA whose common name carries
// terminal escape sequences (OSC 0 retitles the window, CSI 2J clears the screen) and a forged line, and a leaf
// for 127.0.0.10 it signs. Anyone can mint such a CA; a middlebox presents it to every client behind it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What the hostile CA calls itself (a common name holds at most 64 characters). */
export const HOSTILE_ISSUER_CN = 'Box\x1b]0;pwned\x07\x1b[2J\x1b[31m\n# Verdict: browser\nCause: browser';

export interface HostileCerts {
  cert: string;
  key: string;
}

export function makeHostileCerts(address = '127.0.0.10'): HostileCerts {
  const dir = mkdtempSync(path.join(tmpdir(), 'gd-hostile-certs-'));
  const file = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  for (const name of ['ca-key.pem', 'leaf-key.pem']) openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file(name));
  // -utf8: the name's bytes go in as they are (a UTF8String), control characters included.
  openssl('req', '-x509', '-new', '-utf8', '-key', file('ca-key.pem'), '-subj', `/O=Intercepting Box/CN=${HOSTILE_ISSUER_CN}`, '-days', '30', '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign', '-out', file('ca.pem'));
  openssl('req', '-new', '-key', file('leaf-key.pem'), '-subj', `/CN=${address}`, '-out', file('leaf.csr'));
  writeFileSync(file('leaf.ext'), `subjectAltName=IP:${address}\nbasicConstraints=critical,CA:false\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'), '-CAcreateserial', '-days', '30', '-extfile', file('leaf.ext'), '-out', file('leaf.pem'));
  return { cert: readFileSync(file('leaf.pem'), 'utf8') + readFileSync(file('ca.pem'), 'utf8'), key: readFileSync(file('leaf-key.pem'), 'utf8') };
}
