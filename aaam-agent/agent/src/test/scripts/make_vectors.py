#!/usr/bin/env python3
"""Writes the golden Mobile IPv4 registration vectors of aaam-agent's tests.

An implementation independent of the Java codec: it lays the bytes out by hand from the RFC
figures (RFC 5944 3.3/3.4/3.5, RFC 2794 2, RFC 3115 2, RFC 3957 6, RFC 4721 4-6) and computes
authenticators and keys with Python's hmac/hashlib (RFC 5944 3.5.1 HMAC-MD5, RFC 2002 keyed MD5,
RFC 4721 6 HMAC-MD5 and 8 CHAP-style MD5, RFC 3957 5 HMAC-SHA1 key derivation).

Usage: python3 make_vectors.py <resources dir>   (writes mobileip/vectors/*.properties and
mobileip/keys/*.properties). The files are committed; this script documents where they come from.
"""
import hashlib
import hmac
import os
import struct
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'resources')

# ---------------------------------------------------------------- material (documentation values)
HA = '192.0.2.1'            # RFC 5737 TEST-NET-1
COA = '198.51.100.1'        # RFC 5737 TEST-NET-2: the FA's care-of address
HOA = '203.0.113.5'         # RFC 5737 TEST-NET-3: the allocated home address
ZERO = '0.0.0.0'
NAI = 'mn1@home.example'
ENTERPRISE = 32473          # RFC 5612 example enterprise number

MN_HA_KEY = bytes.fromhex('0123456789abcdeffedcba9876543210')   # pre-shared MN-HA key (16 bytes)
MN_FA_KEY = bytes.fromhex('00112233445566778899aabbccddeeff')   # pre-shared MN-FA key
FA_HA_KEY = bytes.fromhex('f0e1d2c3b4a5968778695a4b3c2d1e0f')   # pre-shared FA-HA key
AAA_KEY = bytes.fromhex('6161612d7365637265742d6b65792d31')     # MN-AAA key "aaa-secret-key-1"
LEGACY_KEY = bytes.fromhex('4c65676163792d6b65792d3132333435')  # keyed-MD5 key "Legacy-key-12345"
CHALLENGE = bytes.fromhex('c0ffee0123456789')
CHALLENGE2 = bytes.fromhex('0a1b2c3d4e5f60718293a4b5c6d7e8f9')
LONG_CHALLENGE = bytes((i * 7 + 3) & 0xff for i in range(250))
NONCE_FA = bytes.fromhex('4fa04fa14fa24fa34fa44fa54fa64fa7')
NONCE_HA = bytes.fromhex('48a048a148a248a348a448a548a648a7')

NTP_OFFSET = 2208988800
ID_2024 = ((1704067200 + NTP_OFFSET) << 32) | 0x12345678  # 2024-01-01T00:00:00Z + fraction bits


def ip(a):
    return bytes(int(x) for x in a.split('.'))


FLAG_BITS = {'S': 0x80, 'B': 0x40, 'D': 0x20, 'M': 0x10, 'G': 0x08, 'r': 0x04, 'T': 0x02, 'x': 0x01}


def flags_octet(letters):
    v = 0
    for c in letters:
        v |= FLAG_BITS[c]
    return v


def request_fixed(flags, lifetime, hoa, ha, coa, ident):
    return struct.pack('>BBH4s4s4sQ', 1, flags_octet(flags), lifetime, ip(hoa), ip(ha), ip(coa), ident)


def reply_fixed(code, lifetime, hoa, ha, ident):
    return struct.pack('>BBH4s4sQ', 3, code, lifetime, ip(hoa), ip(ha), ident)


# ---------------------------------------------------------------- authenticators
def hmac_md5(key, data):
    return hmac.new(key, data, hashlib.md5).digest()


def hmac_sha1(key, data):
    return hmac.new(key, data, hashlib.sha1).digest()


def keyed_md5(key, data):          # RFC 2002 3.5.1 "prefix+suffix"
    return hashlib.md5(key + data + key).digest()


def chap_md5(key, challenge, data):  # RFC 4721 8
    return hashlib.md5(challenge[:1] + key + hashlib.md5(data).digest() + challenge[-237:]).digest()


ALGS = {
    'HMAC-MD5': (16, lambda k, c, d: hmac_md5(k, d)),
    'HMAC-SHA1': (20, lambda k, c, d: hmac_sha1(k, d)),
    'KEYED-MD5': (16, lambda k, c, d: keyed_md5(k, d)),
    'MN-AAA-HMAC-MD5': (16, lambda k, c, d: hmac_md5(k, d)),
    'MN-AAA-CHAP': (16, lambda k, c, d: chap_md5(k, c, d)),
}


def derive(aaa_key, nonce, ident):   # RFC 3957 5
    return hmac_sha1(aaa_key, nonce + ident)


# ---------------------------------------------------------------- message builder
class Msg:
    def __init__(self, name, description, rfc, kind, fixed, fields):
        self.name, self.description, self.rfc, self.kind = name, description, rfc, kind
        self.data = bytearray(fixed)
        self.lines = [('fixed part', fixed)]
        self.fields = fields
        self.exts = []    # (spec, bytes)
        self.auths = {}   # index -> spec
        self.tshark = 'all'

    def add(self, spec, raw, note):
        self.exts.append(spec)
        self.data += raw
        self.lines.append((note, raw))
        return self

    def nai(self, s):
        b = s.encode()
        return self.add('nai ' + s, bytes([131, len(b)]) + b, 'MN-NAI, type 131 (RFC 2794 2)')

    def challenge(self, c):
        return self.add('challenge ' + c.hex(), bytes([132, len(c)]) + c, 'MN-FA Challenge, type 132 (RFC 4721 4)')

    def key_request(self, typ, spi):
        name = 'mnFaKeyRequest' if typ == 40 else 'mnHaKeyRequest'
        return self.add('%s %d' % (name, spi), struct.pack('>BBHI', typ, 1, 4, spi),
                        '%s, type %d subtype 1, Length 4, MN SPI (RFC 3957 6.%d)' % (name, typ, 1 if typ == 40 else 3))

    def mn_fa_key_reply(self, lifetime, aaa_spi, fa_spi, alg, nonce):
        body = struct.pack('>IIIH', lifetime, aaa_spi, fa_spi, alg) + nonce
        return self.add('mnFaKeyReply %d %d %d %d %s' % (lifetime, aaa_spi, fa_spi, alg, nonce.hex()),
                        struct.pack('>BBH', 41, 1, len(body)) + body,
                        'MN-FA KeyGen Reply, type 41 subtype 1, Lifetime AAA-SPI FA-SPI Alg Nonce (RFC 3957 6.2)')

    def mn_ha_key_reply(self, lifetime, aaa_spi, ha_spi, alg, replay, nonce):
        body = struct.pack('>IIIHH', lifetime, aaa_spi, ha_spi, alg, replay) + nonce
        return self.add('mnHaKeyReply %d %d %d %d %d %s' % (lifetime, aaa_spi, ha_spi, alg, replay, nonce.hex()),
                        struct.pack('>BBH', 43, 1, len(body)) + body,
                        'MN-HA KeyGen Reply, type 43 subtype 1, Lifetime AAA-SPI HA-SPI Alg Replay Nonce (RFC 3957 6.4)')

    def cvse(self, vendor, vtype, value):
        body = struct.pack('>IH', vendor, vtype) + value
        return self.add('cvse %d %d %s' % (vendor, vtype, value.hex() or '-'),
                        struct.pack('>BBH', 38, 0, len(body)) + body,
                        'CVSE, type 38, Reserved, Length(16), Vendor, CVSE-Type, Value (RFC 3115 2.1)')

    def nvse(self, vendor, vtype, value):
        body = struct.pack('>HIH', 0, vendor, vtype) + value
        return self.add('nvse %d %d %s' % (vendor, vtype, value.hex() or '-'),
                        bytes([134, len(body)]) + body,
                        'NVSE, type 134, Length, Reserved(16), Vendor, NVSE-Type, Value (RFC 3115 2.2)')

    def unknown(self, typ, data):
        return self.add('unknown %d %s' % (typ, data.hex() or '-'), bytes([typ, len(data)]) + data,
                        'unknown skippable type %d, kept raw (RFC 5944 1.8)' % typ)

    def auth(self, kind, spi, alg, key, challenge=b''):
        length, fn = ALGS[alg]
        if kind == 'mnAaa':
            header = struct.pack('>BBHI', 36, 1, 4 + length, spi)
            note = 'MN-AAA Authentication, type 36 subtype 1, Length(16), SPI, %s (RFC 4721 5-%s)' % (
                alg, '8' if alg == 'MN-AAA-CHAP' else '6')
        else:
            typ = {'mobileHome': 32, 'mobileForeign': 33, 'foreignHome': 34}[kind]
            header = struct.pack('>BBI', typ, 4 + length, spi)
            note = '%s Authentication, type %d, Length, SPI, %s (RFC 5944 3.5.%d)' % (kind, typ, alg, typ - 30)
        protected = bytes(self.data) + header
        authenticator = fn(key, challenge, protected)
        assert len(authenticator) == length
        self.auths[len(self.exts)] = '%s %s%s' % (alg, key.hex(), (' ' + challenge.hex()) if challenge else '')
        return self.add('%s %d %s' % (kind, spi, authenticator.hex()), header + authenticator,
                        note + '; covers bytes 0..%d' % (len(protected) - 1))

    def write(self, directory):
        path = os.path.join(directory, self.name + '.properties')
        with open(path, 'w') as f:
            f.write('# GENERATED by src/test/scripts/make_vectors.py (independent of the Java codec).\n')
            f.write('# %s\n' % self.description)
            offset = 0
            for note, raw in self.lines:
                f.write('#   %4d..%4d  %s\n' % (offset, offset + len(raw) - 1, note))
                offset += len(raw)
            f.write('description = %s\n' % self.description)
            f.write('rfc = %s\n' % self.rfc)
            f.write('message = %s\n' % self.kind)
            for k, v in self.fields.items():
                f.write('%s = %s\n' % (k, v))
            for i, spec in enumerate(self.exts):
                f.write('ext.%d = %s\n' % (i, spec))
            for i, spec in sorted(self.auths.items()):
                f.write('auth.%d = %s\n' % (i, spec))
            f.write('tshark = %s\n' % self.tshark)
            f.write('hex = \\\n')
            chunks = [raw.hex(' ') for _, raw in self.lines]
            f.write(' \\\n'.join('    ' + c for c in chunks) + '\n')


def request(name, description, rfc, flags, lifetime, hoa, ha, coa, ident):
    fields = {'flags': flags or '-', 'lifetime': lifetime, 'homeAddress': hoa, 'homeAgent': ha,
              'careOfAddress': coa, 'identification': '%016x' % ident}
    return Msg(name, description, rfc, 'request', request_fixed(flags, lifetime, hoa, ha, coa, ident), fields)


def reply(name, description, rfc, code, lifetime, hoa, ha, ident):
    fields = {'code': code, 'lifetime': lifetime, 'homeAddress': hoa, 'homeAgent': ha,
              'identification': '%016x' % ident}
    return Msg(name, description, rfc, 'reply', reply_fixed(code, lifetime, hoa, ha, ident), fields)


def main():
    vdir = os.path.join(OUT, 'mobileip', 'vectors')
    kdir = os.path.join(OUT, 'mobileip', 'keys')
    os.makedirs(vdir, exist_ok=True)
    os.makedirs(kdir, exist_ok=True)
    msgs = []

    m = request('request-mobile-home', 'Registration Request with a Mobile-Home Authentication (HMAC-MD5)',
                'RFC 5944 3.3, 3.5.1, 3.5.2', 'T', 1800, HOA, HA, COA, ID_2024)
    m.auth('mobileHome', 256, 'HMAC-MD5', MN_HA_KEY)
    msgs.append(m)

    m = request('request-first-registration-aaa',
                'First registration through AAA: NAI, FA challenge, both key requests, MN-AAA (HMAC-MD5), no home address',
                'RFC 5944 3.3; RFC 2794 2; RFC 4721 4-6; RFC 3957 6.1, 6.3', 'T', 1800, ZERO, HA, COA, ID_2024 + 1)
    m.nai(NAI).challenge(CHALLENGE).key_request(40, 4097).key_request(42, 4098)
    m.auth('mnAaa', 256, 'MN-AAA-HMAC-MD5', AAA_KEY)
    m.tshark = 'before 2'   # tshark 4.0 has no dissector for RFC 3957 types 40-43
    msgs.append(m)

    m = request('request-mn-aaa-chap', 'Request whose MN-AAA authenticator is the CHAP-style MD5 of SPI 2',
                'RFC 4721 4, 5, 8, 9', 'T', 1800, ZERO, HA, COA, ID_2024 + 2)
    m.nai(NAI).challenge(CHALLENGE2)
    m.auth('mnAaa', 2, 'MN-AAA-CHAP', AAA_KEY, CHALLENGE2)
    msgs.append(m)

    m = request('request-mn-aaa-chap-long-challenge',
                'CHAP-style MN-AAA with a 250-byte challenge: only its least-order 237 octets are appended',
                'RFC 4721 8', 'T', 1800, ZERO, HA, COA, ID_2024 + 3)
    m.nai(NAI).challenge(LONG_CHALLENGE)
    m.auth('mnAaa', 2, 'MN-AAA-CHAP', AAA_KEY, LONG_CHALLENGE)
    msgs.append(m)

    m = request('request-colocated-mn-aaa-chap',
                'Co-located care-of address (D), MN-AAA CHAP-style with the challenge value 0 (one zero octet)',
                'RFC 4721 3.1, 3.5, 8; RFC 5944 3.6.1.2', 'DT', 900, ZERO, HA, '198.51.100.77', ID_2024 + 4)
    m.nai(NAI)
    m.auth('mnAaa', 2, 'MN-AAA-CHAP', AAA_KEY, b'\x00')
    msgs.append(m)

    m = request('request-mobile-foreign', 'Request with S B M G T, NAI, Mobile-Home, challenge and Mobile-Foreign (HMAC-MD5)',
                'RFC 5944 3.3, 3.5.2, 3.5.3, 3.6.1.3; RFC 4721 3.1', 'SBMGT', 600, HOA, HA, COA, ID_2024 + 5)
    m.nai(NAI).auth('mobileHome', 256, 'HMAC-MD5', MN_HA_KEY).challenge(CHALLENGE)
    m.auth('mobileForeign', 4097, 'HMAC-MD5', MN_FA_KEY)
    msgs.append(m)

    m = request('request-relayed-by-fa',
                'Request as the FA relays it: MN part up to MN-AAA kept, FA NVSE and Foreign-Home Authentication appended',
                'RFC 5944 3.5.4, 3.7.2.2; RFC 4721 3.2; RFC 3115 2.2', 'T', 1800, HOA, HA, COA, ID_2024 + 6)
    m.nai(NAI).auth('mobileHome', 256, 'HMAC-MD5', MN_HA_KEY).challenge(CHALLENGE)
    m.auth('mnAaa', 256, 'MN-AAA-HMAC-MD5', AAA_KEY)
    m.nvse(ENTERPRISE, 7, b'fa-1')
    m.auth('foreignHome', 8193, 'HMAC-MD5', FA_HA_KEY)
    msgs.append(m)

    m = request('request-deregistration-keyed-md5',
                'Deregistration (Lifetime 0, care-of = home address) with a legacy keyed-MD5 prefix+suffix authenticator',
                'RFC 5944 3.6.1.2, 3.8.2.2, 5.1', '', 0, HOA, HA, HOA, ID_2024 + 7)
    m.auth('mobileHome', 257, 'KEYED-MD5', LEGACY_KEY)
    msgs.append(m)

    m = request('request-vendor-and-unknown-skippable',
                'Request with a CVSE, the NAI, an unknown skippable extension (type 200, kept) and Mobile-Home',
                'RFC 3115 2.1; RFC 5944 1.8', 'T', 1800, HOA, HA, COA, ID_2024 + 8)
    m.cvse(ENTERPRISE, 1, b'busy').nai(NAI).unknown(200, bytes.fromhex('cafe'))
    m.auth('mobileHome', 256, 'HMAC-MD5', MN_HA_KEY)
    msgs.append(m)

    ident = NAI.encode()
    mn_ha = derive(AAA_KEY, NONCE_HA, ident)
    mn_fa = derive(AAA_KEY, NONCE_FA, ident)
    m = reply('reply-accepted-with-keys',
              'Accepted reply with both key generation nonces; Mobile-Home and Mobile-Foreign made with the derived keys (HMAC-SHA1)',
              'RFC 5944 3.4; RFC 3957 5, 6.2, 6.4; RFC 4004 8.3, 8.4', 0, 1800, HOA, HA, ID_2024 + 1)
    m.nai(NAI).mn_fa_key_reply(3600, 256, 8194, 2, NONCE_FA).mn_ha_key_reply(3600, 256, 12291, 2, 2, NONCE_HA)
    m.auth('mobileHome', 4098, 'HMAC-SHA1', mn_ha).challenge(CHALLENGE2)
    m.auth('mobileForeign', 4097, 'HMAC-SHA1', mn_fa)
    m.fields['keys.aaaKey'] = AAA_KEY.hex()
    m.fields['keys.identifier'] = ident.hex()
    m.fields['keys.mnHaKey'] = mn_ha.hex()
    m.fields['keys.mnFaKey'] = mn_fa.hex()
    m.tshark = 'before 1'
    msgs.append(m)

    m = reply('reply-fa-denied-unknown-challenge',
              'Reply from the FA denying with unknown_challenge (104) and offering a new challenge',
              'RFC 4721 3.2, 3.3, 10; RFC 5944 3.7.2.3', 104, 1800, ZERO, HA, ID_2024 + 1)
    m.nai(NAI).challenge(CHALLENGE2)
    msgs.append(m)

    m = reply('reply-ha-identification-mismatch',
              'HA reply 133: low-order Identification bits copied, high-order from the HA clock; Mobile-Home (HMAC-MD5)',
              'RFC 5944 3.4, 3.8.2.1 b, 5.7.1', 133, 0, HOA, HA, ((1704067260 + NTP_OFFSET) << 32) | 0x12345678)
    m.auth('mobileHome', 256, 'HMAC-MD5', MN_HA_KEY)
    msgs.append(m)

    for msg in msgs:
        msg.write(vdir)

    keys = [
        ('keys-nai', 'MN-HA and MN-FA keys with the NAI as mobile node identifier', ident),
        ('keys-home-address', 'MN-HA and MN-FA keys with the Home Address (no NAI) as identifier', ip(HOA)),
    ]
    for name, description, identifier in keys:
        with open(os.path.join(kdir, name + '.properties'), 'w') as f:
            f.write('# GENERATED by src/test/scripts/make_vectors.py: key = HMAC-SHA1(AAA-key, nonce || identifier), RFC 3957 5\n')
            f.write('description = %s\n' % description)
            f.write('aaaKey = %s\n' % AAA_KEY.hex())
            f.write('identifier = %s\n' % identifier.hex())
            f.write('mnHaNonce = %s\n' % NONCE_HA.hex())
            f.write('mnFaNonce = %s\n' % NONCE_FA.hex())
            f.write('mnHaKey = %s\n' % derive(AAA_KEY, NONCE_HA, identifier).hex())
            f.write('mnFaKey = %s\n' % derive(AAA_KEY, NONCE_FA, identifier).hex())


if __name__ == '__main__':
    main()
