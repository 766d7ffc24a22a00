import { X509Certificate, createPrivateKey } from 'node:crypto';
import { oid, time, tlv, unsignedInteger } from '../../bot/emulator/der';
import { makeCertificate } from '../../bot/emulator/tls';

describe('the emulator certificate', () => {
  it('is its own CA, signed by its own key, for 127.0.0.1 and localhost, valid from an hour ago for a year', async () => {
    const { cert, key } = await makeCertificate();
    const x509 = new X509Certificate(cert);
    expect(x509.ca).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkHost('example.com')).toBeUndefined();
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    const from = Date.parse(x509.validFrom);
    expect(Date.now() - from).toBeGreaterThan(59 * 60_000);
    expect(Date.parse(x509.validTo) - from).toBe(365 * 24 * 3_600_000);
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });

  it('is a new key and serial number every time', async () => {
    const [a, b] = [new X509Certificate((await makeCertificate()).cert), new X509Certificate((await makeCertificate()).cert)];
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(a.publicKey.export({ format: 'jwk' })).not.toEqual(b.publicKey.export({ format: 'jwk' }));
  });
});

describe('DER encodings', () => {
  it.each([
    ['an OID with multi-byte arcs', () => oid('1.2.840.10045.4.3.2'), '06082a8648ce3d040302'],
    ['a length over 127 in long form', () => tlv(0x04, Buffer.alloc(200)).subarray(0, 3), '0481c8'],
    ['a length over 255 in two bytes', () => tlv(0x04, Buffer.alloc(300)).subarray(0, 4), '0482012c'],
    ['an integer whose first bit is set, kept positive', () => unsignedInteger(Buffer.from([0x80, 0x01])), '0203008001'],
    ['an integer without its leading zero bytes', () => unsignedInteger(Buffer.from([0, 0, 0x7f])), '02017f'],
    ['a time before 2050 as UTCTime', () => time(new Date('2026-11-28T20:03:15Z')), '170d3236313132383230303331355a'],
    ['a time from 2050 as GeneralizedTime', () => time(new Date('2050-01-01T00:00:00Z')), '180f32303530303130313030303030305a'],
  ])('encodes %s', (_what, encode, hex) => {
    expect(encode().toString('hex')).toBe(hex);
  });
});
