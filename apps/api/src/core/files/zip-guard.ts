import { createInflateRaw } from 'node:zlib';
import { megabytes } from './table-limits';

/** A ZIP archive refused before anything is unpacked for good; the message is French, for the user. */
export class ZipRefused extends Error {
  constructor(
    message: string,
    /** True when a size limit is exceeded (the archive itself may be fine). */
    readonly overLimit = false,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As declared by the central directory. */
  uncompressedSize: number;
  /** Where the compressed data starts. */
  dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);

const broken = () => new ZipRefused('Classeur XLSX illisible (archive endommagée) : enregistrez-le de nouveau depuis votre tableur, ou exportez-le en CSV.');

/**
 * Reads the central directory of a ZIP held in memory and checks that a streaming reader (one that
 * reads local headers one after the other, as unzipper does) would see exactly the entries it
 * lists: the entries follow one another from the start of the file to the directory, with the same
 * names, methods and sizes, leaving no room for hidden data. No ZIP64, no encryption, only stored or
 * deflated entries.
 */
export function readZipDirectory(buffer: Buffer): ZipEntry[] {
  const from = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= from; i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const count = buffer.readUInt16LE(eocd + 10);
  const cdSize = buffer.readUInt32LE(eocd + 12);
  const cdOffset = buffer.readUInt32LE(eocd + 16);
  if (buffer.readUInt16LE(eocd + 4) !== 0 || count === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize !== eocd || count === 0) throw broken();

  const entries: (ZipEntry & { localOffset: number; end: number })[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || buffer.readUInt32LE(p) !== CENTRAL) throw broken();
    const flags = buffer.readUInt16LE(p + 8);
    const method = buffer.readUInt16LE(p + 10);
    const compressedSize = buffer.readUInt32LE(p + 20);
    const uncompressedSize = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + buffer.readUInt16LE(p + 30) + buffer.readUInt16LE(p + 32);
    const localOffset = buffer.readUInt32LE(p + 42);
    const name = buffer.subarray(p + 46, p + 46 + nameLength);
    if (next > eocd || flags & 0x1 || (method !== 0 && method !== 8) || compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) throw broken();
    // The local header, as a streaming reader sees it.
    const l = localOffset;
    if (l + 30 > cdOffset || buffer.readUInt32LE(l) !== LOCAL) throw broken();
    const localFlags = buffer.readUInt16LE(l + 6);
    const localCompressed = buffer.readUInt32LE(l + 18);
    const localName = buffer.subarray(l + 30, l + 30 + buffer.readUInt16LE(l + 26));
    const dataStart = l + 30 + localName.length + buffer.readUInt16LE(l + 28);
    if (!localName.equals(name) || buffer.readUInt16LE(l + 8) !== method || dataStart + compressedSize > cdOffset) throw broken();
    const sizeKnown = !(localFlags & 0x08) || localCompressed > 0;
    let end = dataStart + compressedSize;
    if (sizeKnown) {
      if (localCompressed !== compressedSize) throw broken();
      // A data descriptor may still follow (with its signature).
      if (localFlags & 0x08 && buffer.subarray(end, end + 4).equals(DESCRIPTOR)) end += 16;
    } else {
      // The reader looks for the descriptor's signature to find the end of the data: it must be where the directory says.
      if (buffer.indexOf(DESCRIPTOR, dataStart) !== end) throw broken();
      end += 16;
    }
    entries.push({ name: name.toString('utf8'), method, compressedSize, uncompressedSize, dataStart, localOffset, end });
    p = next;
  }
  if (p !== eocd) throw broken();
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let at = 0;
  for (const e of byOffset) {
    if (e.localOffset !== at) throw broken();
    at = e.end;
  }
  if (at !== cdOffset) throw broken();
  return entries.map(({ name, method, compressedSize, uncompressedSize, dataStart }) => ({ name, method, compressedSize, uncompressedSize, dataStart }));
}

/**
 * Checks the sizes an archive declares against the limits, then unpacks every entry once without
 * keeping anything, stopping as soon as one yields more than it declared: after this, reading the
 * archive inflates at most `maxUnpackedBytes` whatever its content (a zip bomb lies about its sizes).
 */
export async function checkZipSizes(buffer: Buffer, entries: ZipEntry[], limits: { maxUnpackedBytes: number; perEntry?: Record<string, { max: number; message: string }> }): Promise<void> {
  for (const e of entries) {
    const rule = limits.perEntry?.[e.name];
    if (rule && e.uncompressedSize > rule.max) throw new ZipRefused(rule.message, true);
  }
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.maxUnpackedBytes) throw new ZipRefused(`Le classeur dépasse ${megabytes(limits.maxUnpackedBytes)} une fois décompressé (${megabytes(total)}).`, true);
  for (const e of entries) {
    const data = buffer.subarray(e.dataStart, e.dataStart + e.compressedSize);
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw broken();
      continue;
    }
    await new Promise<void>((resolve, reject) => {
      const inflater = createInflateRaw();
      let produced = 0;
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve();
      };
      inflater.on('data', (chunk: Buffer) => {
        produced += chunk.length;
        if (produced > e.uncompressedSize) {
          inflater.destroy();
          settle(new ZipRefused(`Le classeur déclare ${megabytes(e.uncompressedSize)} pour « ${e.name} » mais en contient davantage : archive refusée.`, true));
        }
      });
      inflater.on('error', () => settle(broken()));
      inflater.on('end', () => settle(produced === e.uncompressedSize ? undefined : broken()));
      inflater.end(data);
    });
  }
}
