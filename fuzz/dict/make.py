#!/usr/bin/env python3
"""Writes fuzz/dict/<target>.dict: libFuzzer dictionaries of the formats' words.

JSON targets: every object key of the target's seed documents in tests/data and of the
checked-in JSON Schemas, as "\"key\"", plus the short enum-like string values (no digits:
ids are left out) and JSON's own tokens. Roster and spreadsheet targets: the column names and
the headers of core/src/sheets/headers.tsv, and the words the readers look for. Run from the
repository root after a format changes: python3 fuzz/dict/make.py
"""
import glob
import json
import os
import re

D = 'tests/data'
JSON_TARGETS = {
    'organization': (['tree/valid', 'tree/broken', 'tree/diff', 'geo', 'services'], ['tree/organization.schema.json']),
    'lists': (['lists/valid', 'lists/broken'], []),
    'services': (['services/valid', 'services/broken'], []),
    'cases': (['cases/valid', 'cases/broken', 'cases/edge'], ['cases/cases.schema.json']),
    'rules': (['rules', 'rules/broken', 'rules/diff'], []),
    'scorecard': (['rules/scorecards', 'rules', 'rules/entities'], []),
    'entities': (['rules/entities', 'rules/diff'], []),
    'rule_cases': (['rules/cases', 'rules/broken-cases'], []),
    'geo': (['geo/valid', 'geo/broken', 'geo/foreign', 'geo/widget', 'recut'], []),
    'recut': (['recut', 'geo/valid'], []),
}
# Words of formats that no seed spells out.
EXTRA = {
    'recut': ['parts', 'tolerance', 'households', 'population', 'min', 'max', 'balance', 'within_community',
              'pinned', 'compactness', 'seed', 'current', 'fresh', 'blocks', 'adjacency', 'area_m2', 'part',
              'community'],
    'geo': ['Polygon', 'MultiPolygon', 'Point', 'LineString', 'GeometryCollection', 'Feature', 'FeatureCollection',
            'coordinates', 'geometries', 'crs', 'bbox', 'urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326', 'EPSG:4490',
            'local', 'wgs84', 'gcj02', 'cgcs2000', 'urn:ogc:def:crs:EPSG::', 'EPSG::4527', 'http://www.opengis.net/def/crs/EPSG/0/',
            'geometry_name'],
}
ENUM = re.compile(r'^[A-Za-z_+\-:.]{1,24}$')
TOKENS = ['{', '}', '[', ']', ':', ',', 'true', 'false', 'null', '-1', '0', '1e308', '1.5', '""']


def esc(text):
    out = ''
    for c in text.encode('utf-8'):
        if c in (0x22, 0x5C):
            out += '\\' + chr(c)
        elif 0x20 <= c < 0x7F:
            out += chr(c)
        else:
            out += '\\x%02X' % c
    return out


def documents(dirs):
    for x in dirs:
        for f in sorted(glob.glob(os.path.join(D, x, '*.json'))):
            if not f.endswith(('.expected.json', '.schema.json')):
                try:
                    yield json.load(open(f, encoding='utf-8'))
                except ValueError:
                    pass  # the not-JSON fixtures


def collect(v, keys, values):
    if isinstance(v, dict):
        for k, x in v.items():
            keys.add(k)
            collect(x, keys, values)
    elif isinstance(v, list):
        for x in v:
            collect(x, keys, values)
    elif isinstance(v, str) and ENUM.match(v):
        values.add(v)


def schema_words(path, keys, values):
    def walk(v):
        if isinstance(v, dict):
            if isinstance(v.get('properties'), dict):
                keys.update(v['properties'])
            values.update(e for e in v.get('enum') or [] if isinstance(e, str))
            if isinstance(v.get('const'), str):
                values.add(v['const'])
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(json.load(open(os.path.join(D, path), encoding='utf-8')))


def write(target, header, words):
    lines = ['# %s: %s' % (target, header), '# Written by fuzz/dict/make.py.']
    seen = set()
    for w in words:
        if w not in seen:
            seen.add(w)
            lines.append('"%s"' % esc(w))
    with open('fuzz/dict/%s.dict' % target, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


for target, (dirs, schemas) in JSON_TARGETS.items():
    keys, values = set(), set()
    for doc in documents(dirs):
        collect(doc, keys, values)
    for s in schemas:
        schema_words(s, keys, values)
    keys.update(EXTRA.get(target, []))
    words = ['"%s"' % k for k in sorted(keys)] + ['"%s"' % v for v in sorted(values - keys)] + TOKENS
    write(target, 'the JSON keys of its documents, short enum-like values, JSON tokens.', words)

# Spreadsheets: every header of headers.tsv, the total-row marks, 是/否, the CSV's separators.
headers = []
for line in open('core/src/sheets/headers.tsv', encoding='utf-8'):
    if line.startswith('#') or '\t' not in line:
        continue
    headers += line.rstrip('\n').split('\t')[2].split('|')
sheet_words = headers + ['合计', '总计', '小计', '是', '否', '在用', '取消', '下放', ',', '\r\n', '\n', '"', '\ufeff']
for ext in ('csv', 'xlsx', 'xls', 'ods'):
    write('sheets_' + ext, 'the column headers of core/src/sheets/headers.tsv and the words the import reads.', sheet_words)

roster = ['id', 'parent', 'level', 'name', 'code', 'grid', 'kind', 'flow', 'node', 'posts', 'reports_to', 'phone',
          'id_card', 'in_service', 'retired', 'mobile', 'no_office', 'in', 'out', '在职', '离退休', '退休', '流动', '无职',
          '流入', '流出', 'community', 'district', 'branch', 'group', 'street', ',', '\n', '\r\n', '"', ';', '；', '、',
          '\ufeff', '\x00', '13907181234', '11010519491231002X']
write('roster', 'the roster columns and values (core/src/org/roster.rs); a NUL starts the member roster.', roster)
