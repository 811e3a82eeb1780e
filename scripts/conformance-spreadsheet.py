"""Opens the spreadsheet CSV in a real spreadsheet, LibreOffice Calc (Debian's
libreoffice-calc-nogui, headless), and checks what a person would see: non-Latin text intact,
the byte order mark consumed, and no cell run as a formula although formula evaluation is on.
The raw CSV opened the same way is the control: its formula-like cells do become formulas,
so the check can fail. Run by scripts/conformance.sh:

    python3 scripts/conformance-spreadsheet.py OUT_DIR

LibreOffice's headless import does not pick the character set from the byte order mark (it
reads Windows-1252 unless told), so the import options name UTF-8, as a person does in the
import dialog; the options also switch "evaluate formulas" on. One check per row plus three
for the file; the last line is 'N passed, N failed' (exit 1 on a failure).
"""
import csv
import os
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

NS = {
    'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
    'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
    'office': 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
}
# Comma, double quote, UTF-8 (76), from line 1, 8 empty options, then "evaluate formulas" on.
CSV_OPTIONS = 'CSV:44,34,76,1,,,,,,,,true'


def q(prefix, name):
    return '{%s}%s' % (NS[prefix], name)


def paragraph_text(p):
    out = [p.text or '']
    for child in p:
        if child.tag == q('text', 's'):
            out.append(' ' * int(child.get(q('text', 'c'), '1')))
        elif child.tag == q('text', 'tab'):
            out.append('\t')
        elif child.tag == q('text', 'line-break'):
            out.append('\n')
        else:
            out.append(paragraph_text(child))
        out.append(child.tail or '')
    return ''.join(out)


def read_ods(path):
    """Rows of (text, formula) cells of the first sheet, as LibreOffice stored them."""
    root = ET.fromstring(zipfile.ZipFile(path).read('content.xml'))
    rows = []
    for row in root.iter(q('table', 'table-row')):
        cells = []
        for cell in row:
            repeat = int(cell.get(q('table', 'number-columns-repeated'), '1'))
            text = '\n'.join(paragraph_text(p) for p in cell.findall('text:p', NS))
            cells.extend([(text, cell.get(q('table', 'formula')))] * min(repeat, 64))
        while cells and cells[-1] == ('', None):
            cells.pop()
        if cells:
            rows.append(cells)
    return rows


def convert(csv_path, outdir):
    profile = 'file://' + os.path.join(outdir, 'profile')
    subprocess.run(['soffice', '--headless', '-env:UserInstallation=' + profile, '--infilter=' + CSV_OPTIONS,
                    '--convert-to', 'ods', '--outdir', outdir, csv_path], check=True, capture_output=True, timeout=300)
    return os.path.join(outdir, os.path.splitext(os.path.basename(csv_path))[0] + '.ods')


def main(out):
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print('FAIL', what)

    with open(os.path.join(out, 'csv-raw.csv'), encoding='utf-8', newline='') as f:
        raw = list(csv.reader(f))
    with tempfile.TemporaryDirectory() as tmp:
        sheet = read_ods(convert(os.path.join(out, 'csv.csv'), tmp))
        control = read_ods(convert(os.path.join(out, 'csv-raw.csv'), tmp))
    formulas = [(r, c) for r, row in enumerate(sheet) for c, (_, f) in enumerate(row) if f]
    check(not formulas, f'cells run as formulas in the spreadsheet CSV: {formulas[:5]}')
    check(sheet and sheet[0][0][0] == 'article_id', f'first header cell is {sheet[0][0][0]!r}: the byte order mark was not consumed')
    check(any(f for row in control for _, f in row), 'control: the raw CSV should have formula cells when evaluated, else this check proves nothing')
    check(len(sheet) == len(raw), f'{len(sheet)} rows in the sheet, {len(raw)} in the file')
    for expected, row in zip(raw[1:], sheet[1:]):
        shown = [text[1:] if text.startswith("'") else text for text, _ in row]
        shown += [''] * (len(expected) - len(shown))
        check(shown == expected, f'row {expected[4]}: the sheet shows {[c for c, e in zip(shown, expected) if c != e][:3]}')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
