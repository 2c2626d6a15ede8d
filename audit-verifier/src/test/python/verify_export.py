#!/usr/bin/env python3
"""Verifies a Nexus audit export, written from audit-service/README.md alone ("Export format").

A second implementation, independent of the Java one, in Python 3 with only its standard library (Ed25519
verification per RFC 8032 included). Usage and exit statuses are those of the Java verifier:

    python3 verify_export.py export.jsonl [--public-key BASE64]... [--allow-unsigned]

    0 valid, 1 invalid, 2 wrong usage or unreadable file
"""
import base64
import hashlib
import json
import re
import struct
import sys

VALID, INVALID, USAGE = 0, 1, 2
SPKI_PREFIX = bytes.fromhex('302a300506032b6570032100')
HEX64 = re.compile(r'[0-9a-f]{64}\Z')
INT64 = (-2 ** 63, 2 ** 63 - 1)
INT32 = (-2 ** 31, 2 ** 31 - 1)
ENTRY = {'position': 'int', 'eventId': 'str', 'eventType': 'str', 'topic': 'str?', 'partition': 'int32?',
         'offset': 'int?', 'occurredAt': 'int?', 'appendedAt': 'int', 'producer': 'str?', 'actingAgency': 'str?',
         'actingUserRef': 'str?', 'referralId': 'str?', 'subjectRef': 'str?', 'agencies': 'strs',
         'details': 'str?', 'signingKeyId': 'str?', 'eventSignature': 'sig?', 'hash': 'hex'}
# An entry line written before events were signed has neither of their two fields.
UNSIGNED_ENTRY = {k: v for k, v in ENTRY.items() if k not in ('signingKeyId', 'eventSignature')}
CHECKPOINT = {'id': 'int', 'length': 'int', 'headHash': 'hex', 'signedAt': 'int', 'algorithm': 'ed25519',
              'signature': 'sig', 'publicKey': 'key'}
KEY = {'algorithm': 'ed25519', 'publicKey': 'key', 'trustedPublicKeys': 'keys'}
KINDS = {'entry': ENTRY, 'checkpoint': CHECKPOINT, 'publicKey': KEY}


class Invalid(Exception):
    pass


# --- Ed25519 verification, RFC 8032 sections 5.1 and 6 -------------------------------------------------------

P = 2 ** 255 - 19
L = 2 ** 252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P:
        return None
    return P - x if (x & 1) != sign else x


def _add(a, b):
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    e, f = (y1 - x1) * (y2 - x2) % P, (y1 + x1) * (y2 + x2) % P
    g, h = 2 * t1 * t2 * D % P, 2 * z1 * z2 % P
    e, f, g, h = f - e, h - g, h + g, f + e
    return e * f % P, g * h % P, f * g % P, e * h % P


def _mul(s, point):
    result = (0, 1, 1, 0)
    while s:
        if s & 1:
            result = _add(result, point)
        point = _add(point, point)
        s >>= 1
    return result


def _decompress(raw):
    y = int.from_bytes(raw, 'little')
    x = _recover_x(y & ((1 << 255) - 1), y >> 255)
    return None if x is None else (x, y & ((1 << 255) - 1), 1, x * (y & ((1 << 255) - 1)) % P)


def _equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


_GY = 4 * pow(5, P - 2, P) % P
G = (_recover_x(_GY, 0), _GY, 1, _recover_x(_GY, 0) * _GY % P)


def ed25519_verify(public, message, signature):
    a, r = _decompress(public), _decompress(signature[:32])
    s = int.from_bytes(signature[32:], 'little')
    if a is None or r is None or s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), 'little') % L
    return _equal(_mul(s, G), _add(r, _mul(h, a)))


# --- The canonical encoding ----------------------------------------------------------------------------------

def text(value):
    if value is None:
        return b'\xff\xff\xff\xff'
    raw = value.encode('utf-8')
    return struct.pack('>i', len(raw)) + raw


def num(value):
    return text(None if value is None else str(value))


def canonical(e):
    key_id, signature = e.get('signingKeyId'), e.get('eventSignature')
    signed = key_id is not None or signature is not None
    return (text('nexus.audit.entry.v2' if signed else 'nexus.audit.entry.v1') + num(e['position']) + text(e['eventId']) + text(e['eventType'])
            + text(e['topic']) + num(e['partition']) + num(e['offset']) + num(e['occurredAt'])
            + num(e['appendedAt']) + text(e['producer']) + text(e['actingAgency']) + text(e['actingUserRef'])
            + text(e['referralId']) + text(e['subjectRef']) + struct.pack('>i', len(e['agencies']))
            + b''.join(text(a) for a in e['agencies']) + text(e['details'])
            + (text(key_id) + text(signature) if signed else b''))


def statement(c):
    return text('nexus.audit.checkpoint.v1') + num(c['length']) + text(c['headHash']) + num(c['signedAt'])


# --- Reading lines -------------------------------------------------------------------------------------------

def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError('duplicate key')
    return dict(pairs)


def _no_constant(name):
    raise ValueError(name + ' is not JSON')


def _base64(value, size):
    if not isinstance(value, str):
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:
        return None
    if base64.b64encode(raw).decode('ascii') != value or len(raw) != size:
        return None
    return raw


def _is_int(value, bounds=INT64):
    return isinstance(value, int) and not isinstance(value, bool) and bounds[0] <= value <= bounds[1]


def _is_key(value):
    raw = _base64(value, 44)
    return raw is not None and raw.startswith(SPKI_PREFIX)


CHECKS = {
    'int': _is_int,
    'int?': lambda v: v is None or _is_int(v),
    'int32?': lambda v: v is None or _is_int(v, INT32),
    'str': lambda v: isinstance(v, str),
    'str?': lambda v: v is None or isinstance(v, str),
    'strs': lambda v: isinstance(v, list) and all(isinstance(a, str) for a in v),
    'hex': lambda v: isinstance(v, str) and HEX64.match(v) is not None,
    'ed25519': lambda v: v == 'Ed25519',
    'sig': lambda v: _base64(v, 64) is not None,
    'sig?': lambda v: v is None or _base64(v, 64) is not None,
    'key': _is_key,
    'keys': lambda v: isinstance(v, list) and all(_is_key(k) for k in v),
}


def parse_line(number, line):
    try:
        value = json.loads(line, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
        if not isinstance(value, dict):
            raise ValueError('not a JSON object')
        fields = KINDS.get(value.get('kind'))
        if fields is None:
            raise ValueError('unknown kind')
        if fields is ENTRY and 'signingKeyId' not in value and 'eventSignature' not in value:
            fields = UNSIGNED_ENTRY
        if set(value) != set(fields) | {'kind'}:
            raise ValueError('wrong set of fields')
        for name, kind in fields.items():
            if not CHECKS[kind](value[name]):
                raise ValueError(name + ' is not ' + kind)
        for field in value.values():
            for string in field if isinstance(field, list) else [field]:
                if isinstance(string, str):
                    string.encode('utf-8')  # an unpaired surrogate has no UTF-8 bytes
        return value
    except (ValueError, UnicodeEncodeError) as e:
        raise Invalid('line %d is malformed: %s' % (number, e))


def read_lines(path):
    with open(path, 'rb') as f:
        data = f.read()
    try:
        content = data.decode('utf-8')
    except UnicodeDecodeError:
        raise Invalid('the export is not UTF-8 text')
    lines = content.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    return lines


# --- Verifying -----------------------------------------------------------------------------------------------

def structure(lines):
    entries, checkpoints, key = [], [], None
    for number, line in enumerate(lines, 1):
        if key is not None:
            raise Invalid('line %d comes after the public key line' % number)
        value = parse_line(number, line)
        if value['kind'] == 'entry':
            if checkpoints:
                raise Invalid('line %d is an entry after a checkpoint' % number)
            entries.append(value)
        elif value['kind'] == 'checkpoint':
            checkpoints.append(value)
        else:
            key = value
    if key is None:
        raise Invalid('the export has no public key line: it is cut short')
    return entries, checkpoints, key


def chain(entries):
    hashes = [bytes(32)]
    for expected, entry in enumerate(entries, 1):
        if entry['position'] != expected:
            raise Invalid('first broken link at position %d: position out of order' % expected)
        hashes.append(hashlib.sha256(hashes[-1] + canonical(entry)).digest())
        if hashes[-1].hex() != entry['hash']:
            raise Invalid('first broken link at position %d: hash mismatch' % expected)
    return hashes


def trusted_keys(key, pinned):
    if not pinned:
        print('Note: trusting the public key inside the export; pass --public-key to pin the one you trust.')
        return {key['publicKey']} | set(key['trustedPublicKeys'])
    if key['publicKey'] not in pinned:
        raise Invalid('the key line names a key that is not pinned')
    return set(pinned)


def check_checkpoint(c, hashes, trusted):
    where = 'checkpoint %d at length %d: ' % (c['id'], c['length'])
    if c['publicKey'] not in trusted:
        raise Invalid(where + 'signed with an untrusted key')
    public = base64.b64decode(c['publicKey'])[len(SPKI_PREFIX):]
    if not ed25519_verify(public, statement(c), base64.b64decode(c['signature'])):
        raise Invalid(where + 'bad signature')
    if not 0 <= c['length'] < len(hashes):
        raise Invalid(where + 'covers entries missing from the export')
    if hashes[c['length']].hex() != c['headHash']:
        raise Invalid(where + 'head hash differs from the chain')


def verify(path, pinned, allow_unsigned):
    entries, checkpoints, key = structure(read_lines(path))
    trusted = trusted_keys(key, pinned)
    hashes = chain(entries)
    for c in checkpoints:
        check_checkpoint(c, hashes, trusted)
    summary = '%d entries, head hash %s' % (len(entries), hashes[-1].hex())
    if not checkpoints and not allow_unsigned:
        raise Invalid('no signed checkpoint (%s)' % summary)
    if not checkpoints:
        return 'VALID BUT UNSIGNED: ' + summary
    return 'VALID: %s, %d signed checkpoints, the latest covers entries 1..%d' % (
        summary, len(checkpoints), max(c['length'] for c in checkpoints))


def arguments(args):
    path, pinned, allow_unsigned = None, [], False
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == '--allow-unsigned':
            allow_unsigned = True
        elif arg == '--public-key' and rest and _is_key(rest[0]):
            pinned.append(rest.pop(0))
        elif arg.startswith('-') or path is not None:
            raise ValueError('unexpected argument: ' + arg)
        else:
            path = arg
    if path is None:
        raise ValueError('no export file given')
    return path, pinned, allow_unsigned


def main(args):
    if '--help' in args or '-h' in args:
        print(__doc__)
        return VALID
    try:
        path, pinned, allow_unsigned = arguments(args)
    except ValueError as e:
        print(e)
        print(__doc__)
        return USAGE
    try:
        print(verify(path, pinned, allow_unsigned))
        return VALID
    except Invalid as e:
        print('INVALID: %s' % e)
        return INVALID
    except OSError as e:
        print('Cannot read %s: %s' % (path, e))
        return USAGE


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
