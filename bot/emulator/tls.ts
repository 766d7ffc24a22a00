/** The emulator's self-signed certificate: HTTPS because the Graph client only sends Authorization to https URLs. */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { bitString, booleanTrue, explicit, implicit, octetString, oid, sequence, set, smallInteger, time, tlv, unsignedInteger, utf8String } from './der';

export interface Certificate {
  key: string;
  /** PEM; clients trust exactly this (it is its own CA). */
  cert: string;
}

const ONE_HOUR_MS = 3_600_000;
const VALIDITY_MS = 365 * 24 * ONE_HOUR_MS;

/** Object identifiers of RFC 5280 (extensions, name attributes) and RFC 5758 (the signature). */
const OID = {
  commonName: '2.5.4.3',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  subjectAltName: '2.5.29.17',
};

/**
 * A fresh P-256 certificate for 127.0.0.1 and localhost, its own CA, built with node:crypto alone: the
 * certificate library it replaces took a fifth of the bot's start-up to load, for one certificate.
 */
export async function makeCertificate(): Promise<Certificate> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const notBefore = new Date(Date.now() - ONE_HOUR_MS);
  const name = sequence(set(sequence(oid(OID.commonName), utf8String('127.0.0.1'))));
  const signatureAlgorithm = sequence(oid(OID.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, smallInteger(2)), // version 3
    unsignedInteger(randomBytes(16)), // serial number
    signatureAlgorithm,
    name, // issuer: itself
    sequence(time(notBefore), time(new Date(notBefore.getTime() + VALIDITY_MS))),
    name, // subject
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions())),
  );
  const certificate = sequence(tbs, signatureAlgorithm, bitString(sign('sha256', tbs, privateKey)));
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert: toPem(certificate) };
}

/** CA (it signs itself), for TLS servers, valid for 127.0.0.1 and localhost. */
function extensions(): Buffer[] {
  const extension = (id: string, value: Buffer, isCritical = false) =>
    sequence(oid(id), ...(isCritical ? [booleanTrue()] : []), octetString(value));
  // keyUsage bits 0 (digitalSignature) and 5 (keyCertSign): 0b10000100, the last 2 bits unused.
  const keyUsage = tlv(0x03, Buffer.from([2, 0b1000_0100]));
  return [
    extension(OID.basicConstraints, sequence(booleanTrue()), true),
    extension(OID.keyUsage, keyUsage, true),
    extension(OID.extKeyUsage, sequence(oid(OID.serverAuth))),
    extension(OID.subjectAltName, sequence(implicit(7, Buffer.from([127, 0, 0, 1])), implicit(2, Buffer.from('localhost')))),
  ];
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
