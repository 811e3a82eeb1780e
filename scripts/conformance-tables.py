"""Loads the table-like exports in the Python tools their users run and checks every span
against the article text, as Python counts it (code points). Run by scripts/conformance.sh
with Debian's python3 (python3-pandas):

    python3 scripts/conformance-tables.py OUT_DIR

OUT_DIR holds the exports written by scripts/conformance-data.ts and article-ID.txt files.
One check per record or span; the last line is 'N passed, N failed' (exit 1 on a failure).
"""
import glob
import json
import os
import sys

import pandas as pd


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.by_format = {}

    def check(self, fmt, ok, what):
        passed, failed = self.by_format.get(fmt, (0, 0))
        if ok:
            self.passed += 1
            self.by_format[fmt] = (passed + 1, failed)
        else:
            self.failed += 1
            self.by_format[fmt] = (passed, failed + 1)
            print('FAIL', fmt, what)


def utf16_slice(text, start, end):
    """What JavaScript's text.slice(start, end) gives, for offsets in UTF-16 code units."""
    return text.encode('utf-16-le')[2 * start:2 * end].decode('utf-16-le')


def check_csv_raw(out, bodies, t):
    # keep_default_na: an empty note must stay '', not NaN; dtype=str: ids and text as written.
    df = pd.read_csv(os.path.join(out, 'csv-raw.csv'), dtype=str, keep_default_na=False, encoding='utf-8')
    t.check('csv-raw', not df.columns[0].startswith('\ufeff'), 'the raw CSV must have no byte order mark')
    for row in df.itertuples(index=False):
        body = bodies[int(row.article_id)]
        cp = body[int(row.start_codepoint):int(row.end_codepoint)]
        u16 = utf16_slice(body, int(row.start_utf16), int(row.end_utf16))
        t.check('csv-raw', row.exact == cp == u16, f'annotation {row.annotation_id}: exact {row.exact!r} != body {cp!r} / {u16!r}')


def check_csv_spreadsheet(out, bodies, t):
    # utf-8-sig consumes the byte order mark, as a spreadsheet does; then one apostrophe comes off.
    with open(os.path.join(out, 'csv.csv'), 'rb') as f:
        t.check('csv', f.read(3) == b'\xef\xbb\xbf', 'the spreadsheet CSV must start with a UTF-8 byte order mark')
    df = pd.read_csv(os.path.join(out, 'csv.csv'), dtype=str, keep_default_na=False, encoding='utf-8-sig')
    for row in df.itertuples(index=False):
        body = bodies[int(row.article_id)]
        exact = row.exact[1:] if row.exact.startswith("'") else row.exact
        guarded = all(not (cell and cell[0] in '=+-@\t\r') for cell in row)
        t.check('csv', guarded and exact == body[int(row.start_codepoint):int(row.end_codepoint)], f'annotation {row.annotation_id}: {row.exact!r}')


def check_spans(out, bodies, t):
    df = pd.read_json(os.path.join(out, 'spans.jsonl'), lines=True, dtype=False)
    for line in df.itertuples(index=False):
        t.check('spans', line.text == bodies[int(line.id)], f'article {line.id}: text differs from the article')
        for span in line.spans:
            got = line.text[span['start']:span['end']]
            t.check('spans', got == span['text'], f"span {span['id']}: text[{span['start']}:{span['end']}] = {got!r} != {span['text']!r}")


def check_doccano(out, bodies, native, t):
    for raw in open(os.path.join(out, 'doccano.jsonl'), encoding='utf-8'):
        line = json.loads(raw)
        article = int(line['article_id'])
        t.check('doccano', line['text'] == bodies[article], f'article {article}: text differs')
        expected = sorted((a['start'], a['end']) for a in native[article])
        t.check('doccano', sorted((s, e) for s, e, _ in line['label']) == expected, f'article {article}: labels are not the annotations')
        exact = {(a['start'], a['end']): a['exact'] for a in native[article]}
        for start, end, label in line['label']:
            got = utf16_slice(line['text'], start, end)
            t.check('doccano', got == exact.get((start, end)) and label in ('Claim', 'Quote', 'Context'), f'article {article}: [{start}, {end}] {got!r}')


def check_labelstudio(out, bodies, t):
    tasks = json.load(open(os.path.join(out, 'labelstudio.json'), encoding='utf-8'))
    t.check('labelstudio', isinstance(tasks, list) and len(tasks) == len(bodies), 'one task per article')
    for task in tasks:
        text = task['data']['text']
        t.check('labelstudio', text == bodies[int(task['data']['article_id'])], 'task text differs from the article')
        for ann in task['annotations']:
            regions = {r['id'] for r in ann['result'] if r['type'] == 'labels'}
            for r in ann['result']:
                if r['type'] == 'labels':
                    v = r['value']
                    t.check('labelstudio', text[v['start']:v['end']] == v['text'], f"region {r['id']}: {text[v['start']:v['end']]!r} != {v['text']!r}")
                elif r['type'] == 'relation':
                    t.check('labelstudio', r['from_id'] in regions and r['to_id'] in regions, f"relation {r['from_id']}->{r['to_id']}: unknown region")
                else:
                    t.check('labelstudio', r['id'] in regions, f"{r['from_name']} of unknown region {r['id']}")


def main(out):
    bodies = {}
    for path in glob.glob(os.path.join(out, 'article-*.txt')):
        with open(path, encoding='utf-8', newline='') as f:
            bodies[int(os.path.basename(path)[8:-4])] = f.read()
    native = {}
    for raw in open(os.path.join(out, 'jsonl.jsonl'), encoding='utf-8'):
        line = json.loads(raw)
        if line.get('type') == 'article':
            native[line['id']] = line['annotations']
    t = Tally()
    check_csv_raw(out, bodies, t)
    check_csv_spreadsheet(out, bodies, t)
    check_spans(out, bodies, t)
    check_doccano(out, bodies, native, t)
    check_labelstudio(out, bodies, t)
    for fmt, (passed, failed) in t.by_format.items():
        print(f'  {fmt}: {passed} passed, {failed} failed')
    print(f'{t.passed} passed, {t.failed} failed')
    return 1 if t.failed else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
