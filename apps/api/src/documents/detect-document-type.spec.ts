import { isAcceptedDocumentType } from '@suivi-pvd/domain';
import { crc32, deflateRawSync } from 'node:zlib';
import { detectDocumentType } from './detect-document-type';

interface ZipEntry {
  name: string;
  content: string | Buffer;
  /** Stored (0) or deflated (8, the default, as office suites do). */
  method?: 0 | 8;
}

/** A minimal but well-formed zip archive: local headers, central directory, end record. */
function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, 'utf8');
    const method = entry.method ?? 8;
    const data = method === 8 ? deflateRawSync(raw) : raw;
    const crc = crc32(raw);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x5b61, 12); // date (2025-11-01)
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5b61, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** An Office Open XML package as Word/Excel/PowerPoint write it: [Content_Types].xml first. */
function openXml(part: string, mainContentType: string): Buffer {
  const contentTypes = [
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    `<Override PartName="/${part}" ContentType="${mainContentType}"/>`,
    '</Types>',
  ].join('');
  const relationships = [
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${part}"/>`,
    '</Relationships>',
  ].join('');
  return zip([
    { name: '[Content_Types].xml', content: XML_DECLARATION + contentTypes },
    { name: '_rels/.rels', content: XML_DECLARATION + relationships },
    { name: part, content: `${XML_DECLARATION}<root/>` },
  ]);
}

/** An OpenDocument package: an uncompressed `mimetype` entry first, as the specification requires. */
function openDocument(mime: string): Buffer {
  const manifest = [
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">',
    `<manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/>`,
    '</manifest:manifest>',
  ].join('');
  return zip([
    { name: 'mimetype', content: mime, method: 0 },
    { name: 'content.xml', content: `${XML_DECLARATION}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>` },
    { name: 'META-INF/manifest.xml', content: XML_DECLARATION + manifest },
  ]);
}

function minimalPdf(): Buffer {
  const objects = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(body.length);
    body += object;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer << /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG: signature, IHDR, IDAT, IEND, with real CRCs. */
function minimalPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateRawSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of an OLE2 compound file (.doc, .xls, .ppt from Office 97-2003): signature and header sector. */
function compoundFileHeader(): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  return Buffer.concat([header, Buffer.alloc(512)]);
}

describe('detectDocumentType', () => {
  it('recognises a PDF', async () => {
    expect(await detectDocumentType(minimalPdf())).toEqual({ mime: 'application/pdf', extension: 'pdf' });
  });

  it.each([
    ['docx', 'word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['pptx', 'ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  ])('recognises a %s from its [Content_Types].xml', async (extension, part, mime) => {
    expect(await detectDocumentType(openXml(part, `${mime}.main+xml`))).toEqual({ mime, extension });
  });

  it.each([
    ['odt', 'application/vnd.oasis.opendocument.text'],
    ['ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['odp', 'application/vnd.oasis.opendocument.presentation'],
  ])('recognises an %s from its mimetype entry', async (extension, mime) => {
    expect(await detectDocumentType(openDocument(mime))).toEqual({ mime, extension });
  });

  it('reports legacy Office files as the OLE2 container', async () => {
    expect(await detectDocumentType(compoundFileHeader())).toEqual({ mime: 'application/x-cfb', extension: 'cfb' });
  });

  it('returns the mimes of every accepted format as keys of DOCUMENT_MIME_TYPES', async () => {
    const samples = [
      minimalPdf(),
      openXml('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
      openXml('xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
      openXml('ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'),
      openDocument('application/vnd.oasis.opendocument.text'),
      openDocument('application/vnd.oasis.opendocument.spreadsheet'),
      openDocument('application/vnd.oasis.opendocument.presentation'),
      compoundFileHeader(),
    ];
    for (const sample of samples) {
      const detected = await detectDocumentType(sample);
      expect(detected && isAcceptedDocumentType(detected.mime)).toBe(true);
    }
  });

  it('recognises a PNG, which the caller then refuses', async () => {
    const detected = await detectDocumentType(minimalPng());
    expect(detected).toEqual({ mime: 'image/png', extension: 'png' });
    expect(isAcceptedDocumentType(detected?.mime ?? '')).toBe(false);
  });

  it('recognises executables, which the caller then refuses', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]);
    const elfType = await detectDocumentType(elf);
    expect(elfType).toEqual({ mime: 'application/x-elf', extension: 'elf' });
    expect(isAcceptedDocumentType(elfType?.mime ?? '')).toBe(false);

    const windows = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126)]);
    const windowsType = await detectDocumentType(windows);
    expect(windowsType).toEqual({ mime: 'application/x-msdownload', extension: 'exe' });
    expect(isAcceptedDocumentType(windowsType?.mime ?? '')).toBe(false);
  });

  it('does not recognise a plain zip as a document', async () => {
    const detected = await detectDocumentType(zip([{ name: 'notes.txt', content: 'hello' }]));
    expect(detected).toEqual({ mime: 'application/zip', extension: 'zip' });
    expect(isAcceptedDocumentType(detected?.mime ?? '')).toBe(false);
  });

  it('returns null for plain text and CSV', async () => {
    expect(await detectDocumentType(Buffer.from('Compte rendu du comité de projet\nRAS.\n'))).toBeNull();
    expect(await detectDocumentType(Buffer.from('\ufeffcommune;montant\nAhun;1200\nAjain;800\n'))).toBeNull();
  });

  it('returns null for text saved as "rapport.pdf": only the content counts', async () => {
    // What an upload of a renamed text file carries: a .pdf name, maybe an application/pdf header, text bytes.
    expect(await detectDocumentType(Buffer.from('Ceci n’est pas un PDF.\n', 'utf8'))).toBeNull();
  });

  it('returns null for empty or truncated contents', async () => {
    expect(await detectDocumentType(Buffer.alloc(0))).toBeNull();
    expect(await detectDocumentType(Buffer.from([0x50, 0x4b]))).toBeNull();
  });
});
