/** The emulator's self-signed certificate: HTTPS because the Graph client only sends Authorization to https URLs. */
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  /** PEM; clients trust exactly this (it is its own CA). */
  cert: string;
}

const ONE_HOUR_MS = 3_600_000;
const VALIDITY_MS = 365 * 24 * ONE_HOUR_MS;

/** A fresh P-256 certificate for 127.0.0.1 and localhost (EC keys take milliseconds, RSA ones much longer). */
export async function makeCertificate(): Promise<Certificate> {
  const notBeforeDate = new Date(Date.now() - ONE_HOUR_MS);
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + VALIDITY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
